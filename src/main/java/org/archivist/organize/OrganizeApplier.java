package org.archivist.organize;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.archivist.catalog.FileCatalog;
import org.archivist.catalog.LibraryService;
import org.archivist.jobs.Job;
import org.archivist.jobs.JobContext;
import org.archivist.jobs.JobHandler;
import org.archivist.jobs.JobRunner;
import org.archivist.jobs.JobSpec;
import org.archivist.organize.OrganizeRuns.Move;
import org.archivist.organize.OrganizeRuns.Run;
import org.archivist.organize.OrganizeRuns.State;
import org.archivist.organize.OrganizeRuns.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies an organize run as a job, in batches of files. The journal for each batch: its moves
 * are marked {@code moving} (committed) before a file is touched; then each file is renamed on its
 * disk, or copied, flushed, verified and renamed into place; then the catalogue and the journal
 * are written in one transaction ({@code done}, or {@code placed} while a moved file's source on
 * another disk is still to be removed); then those sources go. Whatever a kill interrupts,
 * {@link #recover} finishes or undoes by looking at where the file is, before anything else runs:
 * every file ends in exactly one place (two in copy mode), intact, and the catalogue says where.
 */
@Service
public class OrganizeApplier implements JobHandler<OrganizeApplier.ApplyJob> {

    public static final String JOB_TYPE = "organize_apply";
    private static final Logger log = LoggerFactory.getLogger(OrganizeApplier.class);
    static final int BATCH = 500;

    /** Applying one run (a preview, or the undo of an applied run); it claims every library its files come from or go to. */
    public record ApplyJob(long runId, List<Long> libraries) implements JobSpec {
        @Override
        public String type() {
            return JOB_TYPE;
        }

        @Override
        public String key() {
            return "organize-run:" + runId;
        }

        @Override
        public List<String> exclusive() {
            return libraries.stream().map(id -> "library:" + id).toList();
        }
    }

    /** What applying did. */
    public record Report(long runId, Map<String, Long> counts, int foldersRemoved) {
    }

    private final OrganizeRuns runs;
    private final FileCatalog catalog;
    private final LibraryService libraries;
    private final JobRunner runner;
    private final TransactionTemplate transactions;
    /** Fault injection for tests: called after each step by name ({@code journaled}, {@code copied}, {@code verified}, {@code renamed}, {@code catalogued}, {@code removed}). */
    private volatile Consumer<String> checkpoint = step -> { };

    OrganizeApplier(OrganizeRuns runs, FileCatalog catalog, LibraryService libraries, JobRunner runner, TransactionTemplate transactions) {
        this.runs = runs;
        this.catalog = catalog;
        this.libraries = libraries;
        this.runner = runner;
        this.transactions = transactions;
    }

    void setCheckpoint(Consumer<String> checkpoint) {
        this.checkpoint = checkpoint;
    }

    @Override
    public String type() {
        return JOB_TYPE;
    }

    @Override
    public Class<ApplyJob> specification() {
        return ApplyJob.class;
    }

    /** Queues the run's apply job (the API answers 202 with it). */
    public Job submit(long runId) {
        Run run = runs.run(runId);
        requireApplicable(run);
        return runner.submit(new ApplyJob(runId, runs.libraries(runId)));
    }

    /** Applies the run here, to its end (the command line). */
    public Report applyNow(long runId) {
        Run run = runs.run(runId);
        requireApplicable(run);
        return runner.runToEnd(new ApplyJob(runId, runs.libraries(runId)), context -> apply(runId, context), report -> Map.<String, Object>of("runId", report.runId(),
                "counts", report.counts(), "foldersRemoved", report.foldersRemoved())).value();
    }

    private void requireApplicable(Run run) {
        if (!run.status().equals("preview") && !run.status().equals("applying")) {
            throw new IllegalStateException("organize run " + run.id() + " is " + run.status() + ": only a preview can be applied");
        }
        runs.applying(run.libraryId()).filter(other -> other != run.id()).ifPresent(other -> {
            throw new IllegalStateException("organize run " + other + " of this library is half applied: apply it again to finish it first");
        });
    }

    @Override
    public Map<String, Object> run(ApplyJob spec, JobContext context) {
        Report report = apply(spec.runId(), context);
        return Map.of("runId", report.runId(), "counts", report.counts(), "foldersRemoved", report.foldersRemoved());
    }

    Report apply(long runId, JobContext context) {
        Run run = runs.run(runId);
        if (run.status().equals("applied")) return new Report(runId, run.counts(), 0);
        requireApplicable(run);
        transactions.executeWithoutResult(status -> runs.status(runId, "applying"));
        Set<Path> emptied = new TreeSet<>();
        FileMover mover = new FileMover();
        recover(run, mover, emptied);
        long total = run.counts().getOrDefault(State.PLANNED.value(), 0L);
        long done = 0;
        long after = 0;
        while (!context.cancelled()) {
            List<Move> batch = runs.filesIn(runId, List.of(State.PLANNED), after, BATCH);
            if (batch.isEmpty()) break;
            after = batch.get(batch.size() - 1).id();
            // Only sidecars still to go: one a recovery already finished stays where it is now.
            Map<Long, List<Move>> sidecars = new HashMap<>();
            runs.sidecarsOf(batch.stream().map(Move::id).toList()).forEach((file, list) ->
                    sidecars.put(file, list.stream().filter(m -> m.state() == State.PLANNED).toList()));
            IOException fatal = applyBatch(run, batch, sidecars, mover, emptied);
            done += batch.size();
            context.progress(done, Math.max(total, done));
            if (fatal != null) {
                throw new IllegalStateException("organize run " + runId + " stopped: " + fatal.getMessage() + "; what was moved is recorded, apply again to go on", fatal);
            }
        }
        int removed = removeEmptied(emptied, Path.of(run.sourceRoot()));
        if (!context.cancelled()) {
            Map<String, Long> ended = runs.counts(runId);
            boolean whole = ended.getOrDefault(State.SKIPPED.value(), 0L) == 0 && ended.getOrDefault(State.FAILED.value(), 0L) == 0;
            transactions.executeWithoutResult(status -> {
                runs.status(runId, "applied");
                // An undo that left files where the run put them leaves the run applied: what is left can be undone again.
                if (run.undoesRunId() != null && whole) runs.status(run.undoesRunId(), "undone");
            });
        }
        Map<String, Long> counts = runs.counts(runId);
        log.info("organize run {} applied: {}, {} emptied folders removed", runId, counts, removed);
        return new Report(runId, counts, removed);
    }

    /** One file's move (or a sidecar's) as it went on disk. */
    private record Result(Move move, State state, String reason, String sha256) {
    }

    private IOException applyBatch(Run run, List<Move> batch, Map<Long, List<Move>> sidecars, FileMover mover, Set<Path> emptied) {
        List<Transition> journal = new ArrayList<>();
        List<Move> going = new ArrayList<>();
        Path destination = realDestination(run);
        // Most moves of a batch share their target folders: each is looked at once.
        Map<Path, java.util.Optional<String>> escapes = new HashMap<>();
        for (Move file : batch) {
            String refusal = refusal(file);
            // An undo puts files back where they were (its destination is the old root): that is not checked again.
            if (refusal == null && file.targetPath() != null && run.undoesRunId() == null) {
                refusal = escapes.computeIfAbsent(Path.of(file.targetPath()).getParent(),
                        folder -> java.util.Optional.ofNullable(escape(folder, destination))).orElse(null);
            }
            if (refusal != null) {
                journal.add(new Transition(file.id(), State.SKIPPED, refusal));
                for (Move sidecar : sidecars.getOrDefault(file.id(), List.of())) journal.add(new Transition(sidecar.id(), State.SKIPPED, "its file was not moved"));
                continue;
            }
            going.add(file);
            journal.add(new Transition(file.id(), State.MOVING, null));
            for (Move sidecar : sidecars.getOrDefault(file.id(), List.of())) journal.add(new Transition(sidecar.id(), State.MOVING, null));
        }
        transactions.executeWithoutResult(status -> runs.transition(journal));
        checkpoint.accept("journaled");
        List<Result> results = new ArrayList<>();
        IOException fatal = null;
        for (Move file : going) {
            List<Move> own = sidecars.getOrDefault(file.id(), List.of());
            if (fatal != null) {
                results.add(new Result(file, State.PLANNED, null, null));
                for (Move sidecar : own) results.add(new Result(sidecar, State.PLANNED, null, null));
                continue;
            }
            try {
                results.add(place(run, file, mover));
                for (Move sidecar : own) {
                    try {
                        results.add(place(run, sidecar, mover));
                    } catch (IOException e) {
                        results.add(new Result(sidecar, State.FAILED, failure(sidecar, e), null));
                    }
                }
            } catch (IOException e) {
                if (diskFull(e)) {
                    fatal = new IOException("the disk of " + Path.of(file.targetPath() == null ? file.sourcePath() : file.targetPath()).getParent() + " is full", e);
                    results.add(new Result(file, State.PLANNED, null, null));
                } else {
                    results.add(new Result(file, State.FAILED, failure(file, e), null));
                }
                for (Move sidecar : own) results.add(new Result(sidecar, fatal != null ? State.PLANNED : State.SKIPPED, fatal != null ? null : "its file was not moved", null));
            }
        }
        record(run, results);
        checkpoint.accept("catalogued");
        if (removeSources(results, emptied)) checkpoint.accept("removed");
        return fatal;
    }

    private static Path realDestination(Run run) {
        try {
            return FileMover.real(Path.of(run.destination()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the destination " + run.destination() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Why a move would land outside the destination, or null. The preview checks the path's text;
     * here, just before the move, a folder on the way that is a link to elsewhere (made since, or
     * there all along) is seen too, and the file stays where it is.
     */
    private static String escape(Path folder, Path destination) {
        try {
            Path real = FileMover.real(folder);
            return real.startsWith(destination) ? null : folder + " leads outside the destination (to " + real + ", through a link); kept where it is";
        } catch (IOException e) {
            return folder + " cannot be read (" + e.getMessage() + "); kept where it is";
        }
    }

    /** Why a planned move cannot go now: its source is gone, or its target was taken since the preview. */
    private static String refusal(Move move) {
        Path source = Path.of(move.sourcePath());
        if (!FileMover.exists(source)) return "it is no longer at " + source + " (vanished since the preview)";
        if (move.targetPath() != null && FileMover.exists(Path.of(move.targetPath()))) {
            return Path.of(move.targetPath()) + " was taken since the preview; preview again";
        }
        return null;
    }

    /** Puts one file at its target (or removes an undone copy); answers the state it reached. */
    private Result place(Run run, Move move, FileMover mover) throws IOException {
        Path source = Path.of(move.sourcePath());
        if (move.targetPath() == null) {
            // The undo of a copy: the copy goes if it is still what was copied; the original is where it always was.
            String now = mover.sha256(source);
            if (move.sha256() != null && !move.sha256().equals(now)) return new Result(move, State.SKIPPED, "it changed since it was copied; kept", null);
            Files.delete(source);
            checkpoint.accept("renamed");
            return new Result(move, State.DONE, null, now);
        }
        Path target = Path.of(move.targetPath());
        if (run.mode() == OrganizeSettings.Mode.MOVE && mover.sameFileSystem(source, target)) {
            try {
                FileMover.rename(source, target);
                checkpoint.accept("renamed");
                return new Result(move, State.DONE, null, null);
            } catch (FileMover.CrossDevice e) {
                // Two mounts of one disk: a verified copy, as across disks.
                log.debug("organize: {}", e.getMessage());
            }
        }
        Path partial = FileMover.partial(target, move.id());
        String sha = mover.copyVerified(source, partial, move.sha256(), () -> checkpoint.accept("copied"));
        checkpoint.accept("verified");
        try {
            FileMover.rename(partial, target);
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        checkpoint.accept("renamed");
        return new Result(move, run.mode() == OrganizeSettings.Mode.MOVE ? State.PLACED : State.DONE, null, sha);
    }

    /** The catalogue and the journal of a batch, in one transaction. */
    private void record(Run run, List<Result> results) {
        List<FileCatalog.Relocation> relocations = new ArrayList<>();
        Map<Long, String> outputs = new LinkedHashMap<>();
        List<Transition> journal = new ArrayList<>();
        Map<Long, Path> roots = new HashMap<>();
        for (Result result : results) {
            Move move = result.move();
            journal.add(new Transition(move.id(), result.state(), result.reason(), result.sha256()));
            if ((result.state() == State.DONE || result.state() == State.PLACED) && move.fileId() != null) catalogue(run, move, relocations, outputs, roots);
            // A copy that vanished after the catalogue took it: the row goes back to the original, which is still there.
            if (result.state() == State.PLANNED && move.state() == State.PLACED && move.fileId() != null && run.mode() == OrganizeSettings.Mode.MOVE) {
                String relative = within(Path.of(run.sourceRoot()), Path.of(move.sourcePath()));
                relocations.add(new FileCatalog.Relocation(move.fileId(), run.libraryId(), relative, null));
            }
        }
        transactions.executeWithoutResult(status -> {
            catalog.relocate(relocations);
            catalog.recordOutputPaths(outputs);
            runs.transition(journal);
        });
    }

    private void catalogue(Run run, Move move, List<FileCatalog.Relocation> relocations, Map<Long, String> outputs, Map<Long, Path> roots) {
        boolean undo = run.undoesRunId() != null;
        if (move.targetPath() == null) {
            outputs.put(move.fileId(), null);
        } else if (run.mode() == OrganizeSettings.Mode.COPY) {
            outputs.put(move.fileId(), move.targetPath());
        } else {
            Path root = roots.computeIfAbsent(move.targetLibraryId(), id -> Path.of(libraries.get(id).getRootPath()).toAbsolutePath().normalize());
            String relative = within(root, Path.of(move.targetPath()));
            relocations.add(new FileCatalog.Relocation(move.fileId(), move.targetLibraryId(), relative, undo ? null : move.targetPath()));
        }
    }

    /** A path within a library's root, as the catalogue keeps it; one outside it (a root that moved since) is refused. */
    private static String within(Path root, Path path) {
        if (!path.normalize().startsWith(root)) throw new IllegalStateException(path + " is not inside " + root + " any more");
        return root.relativize(path.normalize()).toString().replace('\\', '/');
    }

    /**
     * Finishes or undoes every move a crash left {@code moving} or {@code placed}, by where its file
     * is: a partial copy is removed; a file at both names (a link, or a verified copy) keeps the new
     * one; a file only at the old name goes back to {@code planned}; only at the new, it is recorded.
     */
    void recover(Run run, FileMover mover, Set<Path> emptied) {
        List<Move> open = runs.in(run.id(), List.of(State.MOVING, State.PLACED));
        if (open.isEmpty()) return;
        log.info("organize run {}: recovering {} interrupted moves", run.id(), open.size());
        List<Result> results = new ArrayList<>();
        // Files' moves come before their sidecars' (lower ids): a sidecar knows what became of its file.
        Map<Long, State> reached = new HashMap<>();
        for (Move move : open) {
            try {
                Result result = recovered(run, move, mover);
                reached.put(move.id(), result.state());
                State file = move.sidecarOf() == null ? null : reached.getOrDefault(move.sidecarOf(), State.DONE);
                // A sidecar whose file is already moved goes now: no later batch would take it without its file.
                if (result.state() == State.PLANNED && (file == State.DONE || file == State.PLACED)) {
                    String refusal = refusal(move);
                    result = refusal != null ? new Result(move, State.SKIPPED, refusal, null) : place(run, move, mover);
                }
                results.add(result);
            } catch (IOException e) {
                results.add(new Result(move, State.FAILED, "could not be recovered: " + e.getMessage(), null));
            }
        }
        record(run, results);
        removeSources(results, emptied);
    }

    /**
     * The last step of a move across disks: the sources of the {@code placed} moves go, each only
     * while it is still what was copied (its size and time those of the copy, which took the
     * source's time); one edited since stays where it is, reported. Answers whether any was placed.
     */
    private boolean removeSources(List<Result> results, Set<Path> emptied) {
        List<Transition> removed = new ArrayList<>();
        // The copies' names on disk before any original goes (a power cut must not leave neither).
        results.stream().filter(r -> r.state() == State.PLACED).map(r -> Path.of(r.move().targetPath()).getParent()).distinct().forEach(FileMover::syncFolder);
        for (Result result : results) {
            Path source = Path.of(result.move().sourcePath());
            if (result.state() == State.PLACED) {
                try {
                    Path target = Path.of(result.move().targetPath());
                    // Within two seconds: FAT and exFAT keep coarser times than the disk the source came from.
                    if (FileMover.exists(source) && (Files.size(source) != Files.size(target)
                            || Math.abs(Files.getLastModifiedTime(source).toMillis() - Files.getLastModifiedTime(target).toMillis()) > 2_000)) {
                        removed.add(new Transition(result.move().id(), State.DONE, "the original changed after it was copied: both kept, the copy is catalogued"));
                        continue;
                    }
                    Files.deleteIfExists(source);
                    removed.add(new Transition(result.move().id(), State.DONE, null));
                } catch (IOException e) {
                    removed.add(new Transition(result.move().id(), State.DONE, "copied and verified, but the original could not be removed: " + e.getMessage()));
                }
            }
            if (result.state() == State.DONE || result.state() == State.PLACED) emptied.add(source.getParent());
        }
        if (removed.isEmpty()) return false;
        transactions.executeWithoutResult(status -> runs.transition(removed));
        return true;
    }

    private Result recovered(Run run, Move move, FileMover mover) throws IOException {
        Path source = Path.of(move.sourcePath());
        boolean atSource = FileMover.exists(source);
        if (move.targetPath() == null) {
            return atSource ? new Result(move, State.PLANNED, null, null) : new Result(move, State.DONE, null, null);
        }
        Path target = Path.of(move.targetPath());
        Path partial = FileMover.partial(target, move.id());
        boolean atTarget = FileMover.exists(target);
        boolean moving = run.mode() == OrganizeSettings.Mode.MOVE;
        if (!atSource && !atTarget && FileMover.exists(partial)) {
            // Only the copy on its way is left (nothing of ours removes a source before its copy is in place, but a person might have):
            // it is kept, under its name, if it is what was copied.
            if (move.sha256() != null && move.sha256().equals(mover.sha256(partial))) {
                FileMover.rename(partial, target);
                return new Result(move, State.DONE, null, null);
            }
            return new Result(move, State.FAILED, "it is at neither " + source + " nor " + target + "; a partial copy is kept at " + partial, null);
        }
        Files.deleteIfExists(partial);
        if (move.state() == State.PLACED) {
            // The catalogue already says the target; the source goes once the target is known to be it.
            if (!atSource) return new Result(move, State.DONE, null, null);
            if (!atTarget) return new Result(move, State.PLANNED, "its copy at " + target + " is gone: to be copied again", null);
            if (mover.sha256(target).equals(mover.sha256(source))) return new Result(move, State.PLACED, null, null);
            return new Result(move, State.FAILED, "kept at both " + source + " and " + target + ": they differ", null);
        }
        if (atSource && atTarget) {
            boolean twoNames = !SafeNames.collisionKey(source.toString()).equals(SafeNames.collisionKey(target.toString()));
            if (moving && twoNames && Files.isSameFile(source, target)) {
                Files.delete(source);
                return new Result(move, State.DONE, null, null);
            }
            if (twoNames && Files.size(source) == Files.size(target)) {
                String sha = mover.sha256(target);
                if (sha.equals(mover.sha256(source))) return new Result(move, moving ? State.PLACED : State.DONE, null, sha);
            }
            return new Result(move, State.PLANNED, null, null);
        }
        if (atSource) return new Result(move, State.PLANNED, null, null);
        if (atTarget) return new Result(move, State.DONE, null, null);
        return new Result(move, State.FAILED, "it is at neither " + source + " nor " + target, null);
    }

    /** Removes folders the run emptied, upward, never the run's source root or anything outside it. */
    private static int removeEmptied(Set<Path> folders, Path stop) {
        int removed = 0;
        for (Path folder : ((TreeSet<Path>) folders).descendingSet()) {
            for (Path at = folder; at != null && at.startsWith(stop) && !at.equals(stop); at = at.getParent()) {
                // A link to a folder is a person's, not one the run emptied.
                if (!Files.isDirectory(at, java.nio.file.LinkOption.NOFOLLOW_LINKS)) break;
                try {
                    Files.delete(at);
                    removed++;
                } catch (DirectoryNotEmptyException e) {
                    break;
                } catch (IOException e) {
                    break;
                }
            }
        }
        return removed;
    }

    private static boolean diskFull(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("No space left on device")) return true;
        }
        return false;
    }

    private static String failure(Move move, IOException e) {
        if (e instanceof FileMover.SourceChanged) return e.getMessage();
        String message = String.valueOf(e.getMessage());
        if (e instanceof AccessDeniedException || message.contains("Operation not permitted") || message.contains("Permission denied")) {
            return "permission denied: " + message;
        }
        if (e instanceof FileAlreadyExistsException) return e.getMessage() + " was taken meanwhile; left where it is";
        return "could not be moved: " + e;
    }
}
