package org.archivist.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import org.archivist.dedup.DuplicateDetection;
import org.archivist.dedup.DuplicateReview;
import org.archivist.trash.TrashService;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

/** {@code archivist dupes}: review duplicate groups, decide, and resolve decisions into the trash. */
@Command(name = "dupes", description = "List duplicate groups (best copy to keep first); decide with keep/discard/distinct; 'apply' moves discarded copies to the trash.",
        subcommands = {DupesCommand.Find.class, DupesCommand.Keep.class, DupesCommand.Discard.class, DupesCommand.KeepAll.class, DupesCommand.Distinct.class, DupesCommand.Apply.class})
class DupesCommand extends CatalogueCommand {
    @ArgGroup(exclusive = true) Kind kind;
    @Option(names = "--json", description = "Print the groups as JSON.") boolean json;

    static class Kind {
        @Option(names = "--exact", description = "Only byte-identical copies.") boolean exact;
        @Option(names = "--near", description = "Only perceptual (near) duplicates.") boolean near;
    }

    @Override
    int run(ConfigurableApplicationContext context, PrintWriter out) {
        String type = kind == null ? null : kind.exact ? "exact" : "perceptual";
        List<DuplicateReview.Group> groups = context.getBean(DuplicateReview.class).groups(type);
        if (json) {
            out.println(context.getBean(JsonMapper.class).writerWithDefaultPrettyPrinter().writeValueAsString(groups));
            return ExitCodes.OK;
        }
        if (groups.isEmpty()) out.println("no duplicates found (run 'archivist dupes find' after a scan)");
        for (DuplicateReview.Group group : groups) {
            out.printf("%s group %d: %d files%n", group.matchType(), group.originalId(), group.members().size());
            for (DuplicateReview.Member m : group.members()) {
                out.printf("  %-8s %s  %,d bytes  %s  %s  similarity %.2f%s%n", m == group.members().get(0) ? "[keep]" : "",
                        m.path(), m.sizeBytes(), m.width() == null ? "-" : m.width() + "x" + m.height(),
                        m.capturedAt() == null ? "no date" : m.capturedAt(), m.similarity(),
                        m.decision() == null ? "" : "  (" + m.decision().replace("_duplicate", "") + ")");
            }
        }
        return ExitCodes.OK;
    }

    static String describe(DuplicateDetection.Report r) {
        return String.format("duplicates: %d exact groups (%d copies), %d near groups (%d copies); %d perceptual hashes computed, %d undecodable; %.1f s",
                r.exactGroups(), r.exactCopies(), r.nearGroups(), r.nearCopies(), r.hashed(), r.unhashable(), r.seconds());
    }

    private static long fileId(ConfigurableApplicationContext context, Path path) {
        return Catalogue.fileAt(context, path).id();
    }

    @Command(name = "find", description = "Look for exact and near duplicates now (also runs after every scan).")
    static class Find extends CatalogueCommand {
        @Option(names = "--threshold", paramLabel = "BITS", description = "Largest perceptual-hash distance of a near duplicate (default ${DEFAULT-VALUE}).")
        int threshold = DuplicateDetection.NearSettings.DEFAULT.threshold();
        @Option(names = "--exact", description = "Only byte-identical copies (no perceptual hashing; near groups stay as they are).")
        boolean exact;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            DuplicateDetection detection = context.getBean(DuplicateDetection.class);
            int threads = Runtime.getRuntime().availableProcessors();
            java.util.function.Consumer<String> progress = line -> spec.commandLine().getErr().println(line);
            DuplicateDetection.Report report = exact ? detection.findExact(threads, progress) : detection.find(
                    DuplicateDetection.NearSettings.withThreshold(threshold),
                    threads, progress);
            out.println(describe(report));
            return ExitCodes.OK;
        }
    }

    @Command(name = "keep", description = "Keep this copy; the other copies of its group are marked to be discarded.")
    static class Keep extends CatalogueCommand {
        @Parameters(paramLabel = "PATH") Path path;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            int others = context.getBean(DuplicateReview.class).keep(fileId(context, path));
            out.printf("keeping %s; %d other copies will go to the trash on 'archivist dupes apply'%n", path, others);
            return ExitCodes.OK;
        }
    }

    @Command(name = "discard", description = "Mark this copy to be moved to the trash on 'dupes apply'.")
    static class Discard extends CatalogueCommand {
        @Parameters(paramLabel = "PATH") Path path;
        @Option(names = "--keep", paramLabel = "PATH", description = "The copy kept instead (default: the group's original).") Path kept;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            context.getBean(DuplicateReview.class).discard(fileId(context, path), kept == null ? null : fileId(context, kept));
            out.printf("%s will go to the trash on 'archivist dupes apply'%n", path);
            return ExitCodes.OK;
        }
    }

    @Command(name = "keep-all", description = "Keep every copy of the file's groups (identical and similar); none is proposed again.")
    static class KeepAll extends CatalogueCommand {
        @Parameters(paramLabel = "PATH") Path path;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            long file = fileId(context, path);
            int groups = 0;
            for (org.archivist.dedup.MatchType type : org.archivist.dedup.MatchType.values()) {
                try {
                    int kept = context.getBean(DuplicateReview.class).keepAll(file, type);
                    out.printf("keeping all %d files of the %s group of %s%n", kept, type.value(), path);
                    groups++;
                } catch (org.archivist.db.NotFoundException e) {
                    // not in a group of this type
                }
            }
            if (groups == 0) throw new org.archivist.db.NotFoundException("duplicate group of file", path.toString());
            return ExitCodes.OK;
        }
    }

    @Command(name = "distinct", description = "These two files are not duplicates; never propose them as a pair again.")
    static class Distinct extends CatalogueCommand {
        @Parameters(index = "0", paramLabel = "PATH") Path first;
        @Parameters(index = "1", paramLabel = "OTHER") Path second;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            context.getBean(DuplicateReview.class).notDuplicates(fileId(context, first), fileId(context, second));
            out.printf("recorded: %s and %s are not duplicates%n", first, second);
            return ExitCodes.OK;
        }
    }

    @Command(name = "apply", description = "Move every copy marked 'discard' into its library's trash folder, after checking it and its kept copy.")
    static class Apply extends CatalogueCommand {

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            TrashService.ApplyReport report = context.getBean(TrashService.class).applyDiscards();
            report.refused().forEach(reason -> out.println("kept in place: " + reason));
            out.printf("moved %d files to the trash (%,d bytes); %d refused%n", report.moved(), report.bytes(), report.refused().size());
            return report.refused().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }
}
