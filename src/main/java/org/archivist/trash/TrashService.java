package org.archivist.trash;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.archivist.catalog.Library;
import org.archivist.db.Instants;
import org.archivist.db.SqlValues;
import org.archivist.fingerprint.Sha256;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.archivist.decisions.DecisionType;

/**
 * Moves discarded copies into their library's trash folder and back, and empties it: the only
 * place Archivist ever deletes a file. Every move is a same-disk rename (atomic: the file is in
 * exactly one place at every moment), announced in {@code trash_entries} before it happens and
 * recorded after; {@link #recover()} finishes or undoes whatever a crash interrupted by looking
 * at where the file is.
 */
@Service
public class TrashService {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TrashService.class);

    public record ApplyReport(int moved, long bytes, List<String> refused) {
    }

    /** {@code trashPath} is where the file is now, absolute; {@code originalPath} is relative to its library's root. */
    public record Entry(long id, long libraryId, String library, String originalPath, String trashPath, long sizeBytes, String state, Instant trashedAt) {
    }

    private record Discard(long fileId, long libraryId, String root, String path, long sizeBytes, String sha256,
                           long keptFileId, String keptPath, String keptStatus) {
    }

    private final JdbcTemplate jdbc;
    private final SqlValues values;
    private final TransactionTemplate transactions;
    /** Fault injection for tests: called after each step, by name; a test throws here to simulate a crash. */
    private volatile Consumer<String> checkpoint = step -> { };

    private final org.archivist.catalog.FileCatalog catalog;
    private final org.archivist.catalog.ItemService items;
    private final org.archivist.reviews.ReviewService reviews;
    private final org.archivist.decisions.DecisionLog decisions;

    TrashService(JdbcTemplate jdbc, SqlValues values, TransactionTemplate transactions, org.archivist.catalog.FileCatalog catalog,
                 org.archivist.catalog.ItemService items, org.archivist.reviews.ReviewService reviews,
                 org.archivist.decisions.DecisionLog decisions) {
        this.catalog = catalog;
        this.items = items;
        this.reviews = reviews;
        this.decisions = decisions;
        this.jdbc = jdbc;
        this.values = values;
        this.transactions = transactions;
    }

    void setCheckpoint(Consumer<String> checkpoint) {
        this.checkpoint = checkpoint;
    }

    /** A file that applying the decisions would move to the trash, and the copy kept in its place. */
    public record PlannedMove(long fileId, String path, long sizeBytes, String keptPath) {
    }

    /** Exactly what {@link #applyDiscards} would move, before it acts. */
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    public List<PlannedMove> planned() {
        return pendingDiscards().stream().map(d -> new PlannedMove(d.fileId(), Path.of(d.root()).resolve(d.path()).toString(), d.sizeBytes(),
                d.keptPath())).toList();
    }

    /** Moves every copy with an unapplied discard decision to the trash, after checking it and its kept copy. */
    public ApplyReport applyDiscards() {
        recover();
        List<String> refused = new ArrayList<>();
        int moved = 0;
        long bytes = 0;
        for (Discard discard : pendingDiscards()) {
            Path file = Path.of(discard.root()).resolve(discard.path());
            String sha256;
            try {
                sha256 = verifiedContent(discard, file);
            } catch (Refused e) {
                refused.add(file + ": " + e.getMessage());
                continue;
            }
            Path trash = freeTrashPath(Path.of(discard.root()), discard.path());
            String trashRelative = Path.of(discard.root()).relativize(trash).toString().replace(java.io.File.separatorChar, '/');
            long entry = transactions.execute(status -> insertEntry(discard, trashRelative, sha256));
            checkpoint.accept("journaled");
            try {
                Files.createDirectories(trash.getParent());
                Files.move(file, trash, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                transactions.executeWithoutResult(status -> jdbc.update("DELETE FROM trash_entries WHERE id = ?", entry));
                log.warn("could not move {} to the trash: {}", file, e.toString());
                refused.add(file + ": could not be moved to the trash (" + e.getMessage() + ")");
                continue;
            }
            checkpoint.accept("moved");
            transactions.executeWithoutResult(status -> completeTrashing(entry));
            checkpoint.accept("recorded");
            moved++;
            bytes += discard.sizeBytes();
        }
        return new ApplyReport(moved, bytes, refused);
    }

    private List<Discard> pendingDiscards() {
        return jdbc.query("""
                SELECT f.id, f.library_id, l.root_path, f.path, f.size_bytes, f.sha256,
                       k.id, kl.root_path || '/' || k.path, k.status
                FROM user_decisions d JOIN files f ON f.id = d.file_id JOIN libraries l ON l.id = f.library_id
                LEFT JOIN files k ON k.id = CAST(""" + jsonNumber("d.decision_value", "kept_file_id") + """
                 AS BIGINT)
                LEFT JOIN libraries kl ON kl.id = k.library_id
                WHERE d.decision_type = 'discard_duplicate' AND d.applied_at IS NULL AND f.status <> 'missing'
                ORDER BY d.id""", (rows, n) -> new Discard(rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getString(4),
                rows.getLong(5), rows.getString(6), rows.getLong(7), rows.getString(8), rows.getString(9)));
    }

    private String jsonNumber(String column, String field) {
        return values.isSqlite() ? "json_extract(" + column + ", '$." + field + "')" : "(" + column + " ->> '" + field + "')";
    }

    private static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }

    /**
     * The copy's SHA-256 as read now, when it may go: its content is what was catalogued (where a
     * hash was catalogued) and a kept copy is catalogued, present and readable.
     */
    private static String verifiedContent(Discard discard, Path file) throws Refused {
        if (discard.keptPath() == null) throw new Refused("its kept copy is no longer catalogued");
        if (discard.keptFileId() == discard.fileId()) throw new Refused("it is its own kept copy");
        // A kept copy whose metadata could not be read (status error) is still a copy on disk.
        if ("missing".equals(discard.keptStatus())) throw new Refused("its kept copy " + discard.keptPath() + " is missing");
        Path kept = Path.of(discard.keptPath());
        try (InputStream in = Files.newInputStream(kept)) {
            in.read();
        } catch (IOException e) {
            throw new Refused("its kept copy " + kept + " cannot be read (" + e.getMessage() + ")");
        }
        String now;
        try {
            now = new Sha256().of(file);
        } catch (IOException e) {
            throw new Refused("it cannot be read (" + e.getMessage() + ")");
        }
        if (discard.sha256() != null && !discard.sha256().equals(now)) throw new Refused("it changed since it was catalogued (SHA-256 differs)");
        return now;
    }

    private static Path freeTrashPath(Path root, String relative) {
        Path trash = root.resolve(Library.TRASH_FOLDER).resolve(relative);
        Path candidate = trash;
        for (int n = 1; Files.exists(candidate, java.nio.file.LinkOption.NOFOLLOW_LINKS); n++) {
            candidate = trash.resolveSibling(trash.getFileName() + "." + n);
        }
        return candidate;
    }

    private long insertEntry(Discard discard, String trashPath, String sha256) {
        return jdbc.queryForObject("""
                INSERT INTO trash_entries (library_id, file_id, kept_file_id, original_path, trash_path, size_bytes, sha256, state)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'moving') RETURNING id""", (rows, n) -> rows.getLong(1),
                discard.libraryId(), discard.fileId(), discard.keptFileId(), discard.path(), trashPath, discard.sizeBytes(),
                sha256);
    }

    /** The catalogue side of a finished move; repeatable, so recovery can run it again. */
    private void completeTrashing(long entryId) {
        Long[] ids = jdbc.queryForObject("SELECT file_id, kept_file_id FROM trash_entries WHERE id = ?",
                (rows, n) -> new Long[] {rows.getObject(1, Long.class), rows.getObject(2, Long.class)}, entryId);
        Long fileId = ids[0];
        Long keptId = ids[1];
        if (fileId != null) {
            catalog.markMissing(List.of(fileId));
            decisions.markApplied(fileId, DecisionType.DISCARD_DUPLICATE);
            if (keptId != null) mergeItems(fileId, keptId);
        }
        jdbc.update("UPDATE trash_entries SET state = 'trashed' WHERE id = ?", entryId);
    }

    /** Tags, people, collections, favourites and reviews of the discarded copy's item go to the kept copy's item, through their owners. */
    private void mergeItems(long discardedFile, long keptFile) {
        Long gone = items.itemOfFile(discardedFile).orElse(null);
        Long kept = items.itemOfFile(keptFile).orElse(null);
        if (gone == null || kept == null || gone.equals(kept)) return;
        items.mergeInto(kept, gone);
        reviews.moveToItem(gone, kept);
    }

    /** Finishes or undoes every move a crash interrupted, by where each file is now. Returns what it did. */
    public List<String> recover() {
        List<String> done = new ArrayList<>();
        jdbc.query("""
                SELECT t.id, t.state, l.root_path, t.original_path, t.trash_path FROM trash_entries t
                JOIN libraries l ON l.id = t.library_id WHERE t.state IN ('moving', 'restoring')""", rows -> {
            long id = rows.getLong(1);
            String state = rows.getString(2);
            Path root = Path.of(rows.getString(3));
            boolean atOriginal = Files.exists(root.resolve(rows.getString(4)), java.nio.file.LinkOption.NOFOLLOW_LINKS);
            boolean inTrash = Files.exists(root.resolve(rows.getString(5)), java.nio.file.LinkOption.NOFOLLOW_LINKS);
            if (state.equals("moving")) {
                if (inTrash && !atOriginal) {
                    transactions.executeWithoutResult(s -> completeTrashing(id));
                    done.add("finished moving " + rows.getString(4) + " to the trash");
                } else if (atOriginal && !inTrash) {
                    transactions.executeWithoutResult(s -> jdbc.update("DELETE FROM trash_entries WHERE id = ?", id));
                    done.add("left " + rows.getString(4) + " in place (its move had not happened)");
                }
            } else {
                if (atOriginal && !inTrash) {
                    transactions.executeWithoutResult(s -> completeRestore(id));
                    done.add("finished restoring " + rows.getString(4));
                } else if (inTrash && !atOriginal) {
                    transactions.executeWithoutResult(s -> jdbc.update("UPDATE trash_entries SET state = 'trashed' WHERE id = ?", id));
                    done.add(rows.getString(4) + " stays in the trash (its restore had not happened)");
                }
            }
        });
        return done;
    }

    public List<Entry> list() {
        recover();
        return trashed();
    }

    private List<Entry> trashed() {
        return jdbc.query("""
                SELECT t.id, l.id, l.name, t.original_path, l.root_path || '/' || t.trash_path, t.size_bytes, t.state, t.trashed_at
                FROM trash_entries t JOIN libraries l ON l.id = t.library_id WHERE t.state = 'trashed' ORDER BY t.trashed_at, t.id""",
                (rows, n) -> new Entry(rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getString(4), rows.getString(5), rows.getLong(6),
                        rows.getString(7), values.getInstant(rows, 8)));
    }

    /** Puts a trashed file back where it was; refuses if something else now sits there. */
    public String restore(Path path) {
        recover();
        Path absolute = path.toAbsolutePath().normalize();
        List<Object[]> matches = jdbc.query("""
                SELECT t.id, l.root_path, t.original_path, t.trash_path FROM trash_entries t JOIN libraries l ON l.id = t.library_id
                WHERE t.state = 'trashed' ORDER BY t.id DESC""", (rows, n) -> new Object[] {rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4)});
        for (Object[] entry : matches) {
            Path root = Path.of((String) entry[1]);
            Path original = root.resolve((String) entry[2]);
            Path trash = root.resolve((String) entry[3]);
            if (!absolute.equals(original) && !absolute.equals(trash)) continue;
            if (Files.exists(original, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalStateException(original + " exists again; move it away first, nothing was changed");
            }
            long id = (Long) entry[0];
            transactions.executeWithoutResult(s -> jdbc.update("UPDATE trash_entries SET state = 'restoring' WHERE id = ?", id));
            checkpoint.accept("journaled");
            try {
                Files.createDirectories(original.getParent());
                Files.move(trash, original, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                transactions.executeWithoutResult(s -> jdbc.update("UPDATE trash_entries SET state = 'trashed' WHERE id = ?", id));
                throw new IllegalStateException("could not restore " + original + ": " + e.getMessage());
            }
            checkpoint.accept("moved");
            transactions.executeWithoutResult(s -> completeRestore(id));
            checkpoint.accept("recorded");
            return original.toString();
        }
        throw new org.archivist.db.NotFoundException("trashed file", absolute);
    }

    private void completeRestore(long entryId) {
        Long fileId = jdbc.queryForObject("SELECT file_id FROM trash_entries WHERE id = ?", (rows, n) -> rows.getObject(1, Long.class), entryId);
        if (fileId != null) catalog.markPresent(List.of(fileId));
        jdbc.update("UPDATE trash_entries SET state = 'restored' WHERE id = ?", entryId);
    }

    /** Deletes trashed files older than {@code age}: the only deletion of a user's file anywhere. */
    public int empty(Duration age) {
        recover();
        Instant before = Instants.now().minus(age);
        int deleted = 0;
        for (Entry entry : trashed()) {
            if (entry.trashedAt().isAfter(before)) continue;
            try {
                Files.deleteIfExists(Path.of(entry.trashPath()));
            } catch (IOException e) {
                // Kept in the trash (and in the journal) for the next emptying: never half-forgotten.
                log.warn("could not delete {} from the trash, it stays there: {}", entry.trashPath(), e.toString());
                continue;
            }
            log.info("deleted {} (trashed {}) from the trash", entry.trashPath(), entry.trashedAt());
            jdbc.update("UPDATE trash_entries SET state = 'emptied' WHERE id = ?", entry.id());
            deleted++;
        }
        return deleted;
    }
}
