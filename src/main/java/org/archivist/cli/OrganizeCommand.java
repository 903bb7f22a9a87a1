package org.archivist.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.organize.OrganizeApplier;
import org.archivist.organize.OrganizePreview;
import org.archivist.organize.OrganizeRuns;
import org.archivist.organize.OrganizeSettings;
import org.archivist.organize.OrganizeSettingsStore;
import org.archivist.organize.OrganizeUndo;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code archivist organize --library NAME --dry-run | --yes}: the preview of every move, or the
 * preview applied; {@code --run RUN --yes} applies a preview shown before, exactly as shown; {@code organize settings} shows or changes the layout; {@code organize undo RUN --yes}.
 */
@Command(name = "organize", description = "Lay a library's files out by its templates: --dry-run shows every move, --yes makes them (journaled, undoable).",
        subcommands = {OrganizeCommand.Settings.class, OrganizeCommand.Undo.class, OrganizeCommand.Sidecars.class})
class OrganizeCommand extends CatalogueCommand {

    // Not required by picocli: the subcommands would need them too. Checked in run().
    @Option(names = "--library", paramLabel = "NAME", description = "The library to organize.") String library;

    static class Choice {
        @Option(names = "--dry-run", description = "Only show what would move; nothing changes.") boolean dryRun;
        @Option(names = "--yes", description = "Make the moves (after computing the same preview).") boolean yes;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1") Choice choice;
    @Option(names = "--run", paramLabel = "RUN", description = "The preview to show or apply, as --dry-run listed it (instead of computing a new one).") Long runId;
    @Option(names = "--show", paramLabel = "N", description = "How many moves of each kind to list (default: ${DEFAULT-VALUE}).") int show = 50;

    @Override
    public Integer call() {
        if ((library == null && runId == null) || choice == null) {
            spec.commandLine().getErr().println("organize needs --library NAME (or --run RUN, a preview made before) and either --dry-run (show the moves)"
                    + " or --yes (make them)");
            return ExitCodes.USAGE;
        }
        return super.call();
    }

    @Override
    int run(ConfigurableApplicationContext context, PrintWriter out) {
        OrganizeRuns runs = context.getBean(OrganizeRuns.class);
        OrganizeRuns.Run run;
        if (runId != null) {
            // Exactly the moves a person reviewed: a new preview could differ (files added or edited since).
            run = runs.run(runId);
            if (library != null && context.getBean(LibraryService.class).get(library).getId() != run.libraryId()) {
                throw new IllegalArgumentException("--run: run " + runId + " organizes another library than " + library);
            }
        } else {
            run = context.getBean(OrganizePreview.class).preview(context.getBean(LibraryService.class).get(library).getId());
        }
        print(runs, run, show, out);
        if (choice.dryRun) {
            out.printf("nothing moved; apply exactly this preview with: archivist organize --run %d --yes%n", run.id());
            return ExitCodes.OK;
        }
        OrganizeApplier.Report report = context.getBean(OrganizeApplier.class).applyNow(run.id());
        out.printf("applied run %d: %s; %d emptied folders removed; undo with: archivist organize undo %d --yes%n", run.id(), report.counts(),
                report.foldersRemoved(), run.id());
        return report.counts().getOrDefault("failed", 0L) > 0 ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    static void print(OrganizeRuns runs, OrganizeRuns.Run run, int show, PrintWriter out) {
        out.printf("organize run %d (%s, %s -> %s): %s%n", run.id(), run.mode().value(), run.sourceRoot(), run.destination(), run.counts());
        for (OrganizeRuns.State state : List.of(OrganizeRuns.State.PLANNED, OrganizeRuns.State.DUPLICATE, OrganizeRuns.State.SKIPPED)) {
            List<OrganizeRuns.Move> moves = runs.moves(run.id(), state, 0, show);
            for (OrganizeRuns.Move move : moves) {
                String reason = move.reason() == null ? "" : "  (" + move.reason() + ")";
                switch (state) {
                    case PLANNED -> out.printf("  move  %s -> %s%s%n", move.sourcePath(), move.targetPath() == null ? "(removed)" : move.targetPath(), reason);
                    case DUPLICATE -> out.printf("  dupe  %s%s%n", move.sourcePath(), reason);
                    default -> out.printf("  skip  %s%s%n", move.sourcePath(), reason);
                }
            }
            long all = run.counts().getOrDefault(state.value(), 0L);
            if (all > moves.size()) out.printf("  ... and %,d more %s%n", all - moves.size(), state.value());
        }
    }

    @Command(name = "settings", description = "Show a library's organize settings, or change them.")
    static class Settings extends CatalogueCommand {
        @Option(names = "--library", paramLabel = "NAME", required = true) String library;
        @Option(names = "--mode", paramLabel = "move|copy") String mode;
        @Option(names = "--destination", paramLabel = "DIR", description = "Where files go (empty: the library's own folder).") String destination;
        @Option(names = "--template", paramLabel = "KIND=LAYOUT", description = "A layout for photo, scene, track, book, document or other.") Map<String, String> templates;
        @Option(names = "--xmp-into-originals", paramLabel = "true|false", description = "Also write XMP edits into the originals (default: sidecars only).") Boolean xmpIntoOriginals;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            Library chosen = context.getBean(LibraryService.class).get(library);
            OrganizeSettingsStore store = context.getBean(OrganizeSettingsStore.class);
            OrganizeSettings current = store.get(chosen.getId());
            if (mode != null || destination != null || templates != null || xmpIntoOriginals != null) {
                Map<String, String> merged = new java.util.HashMap<>();
                current.templates().forEach((kind, text) -> merged.put(kind.value(), text));
                if (templates != null) merged.putAll(templates);
                current = store.save(chosen.getId(), OrganizeSettings.of(mode == null ? current.mode().value() : mode,
                        destination == null ? current.destination() : destination, merged,
                        xmpIntoOriginals == null ? current.xmpIntoOriginals() : xmpIntoOriginals));
            }
            out.printf("mode %s, destination %s, XMP into originals: %s%n", current.mode().value(),
                    current.destination() == null ? chosen.getRootPath() + " (in place)" : current.destination(), current.xmpIntoOriginals() ? "yes" : "no");
            current.effectiveTemplates().forEach((kind, text) -> out.printf("  %-8s %s%n", kind, text));
            return ExitCodes.OK;
        }
    }

    @Command(name = "sidecars", description = "Write each picture's and video's title, tags, rating and capture date to its XMP sidecar (NAME.ext.xmp).")
    static class Sidecars extends CatalogueCommand {
        @Option(names = "--library", paramLabel = "NAME", required = true) String library;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            Library chosen = context.getBean(LibraryService.class).get(library);
            org.archivist.organize.SidecarWriter.Report report = context.getBean(org.archivist.organize.SidecarWriter.class).writeNow(chosen.getId());
            out.printf("XMP sidecars of %s: %d written, %d unchanged, %d originals written%n", chosen.getName(), report.written(), report.unchanged(),
                    report.originals());
            report.failed().forEach(failure -> out.println("  failed: " + failure));
            return report.failed().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    @Command(name = "undo", description = "Put back what an applied run moved (or remove the copies it made).")
    static class Undo extends CatalogueCommand {
        @Parameters(paramLabel = "RUN") long runId;
        @Option(names = "--yes", description = "Make the moves; without it, only show them.") boolean yes;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            OrganizeRuns.Run undo = context.getBean(OrganizeUndo.class).undo(runId);
            print(context.getBean(OrganizeRuns.class), undo, 50, out);
            if (!yes) {
                out.printf("nothing moved; add --yes to undo run %d%n", runId);
                return ExitCodes.OK;
            }
            OrganizeApplier.Report report = context.getBean(OrganizeApplier.class).applyNow(undo.id());
            out.printf("undid run %d: %s%n", runId, report.counts());
            return report.counts().getOrDefault("failed", 0L) > 0 ? ExitCodes.FAILURE : ExitCodes.OK;
        }
    }
}
