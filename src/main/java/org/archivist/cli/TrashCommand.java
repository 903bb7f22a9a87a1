package org.archivist.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

import org.archivist.trash.TrashService;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code archivist trash list | restore PATH | empty --older-than DAYS --yes}. */
@Command(name = "trash", description = "Discarded copies wait in each library's .archivist-trash folder until emptied.",
        subcommands = {TrashCommand.ListTrash.class, TrashCommand.Restore.class, TrashCommand.Empty.class})
class TrashCommand {

    @Command(name = "list", description = "List the files in the trash.")
    static class ListTrash extends CatalogueCommand {

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            var entries = context.getBean(TrashService.class).list();
            if (entries.isEmpty()) out.println("the trash is empty");
            entries.forEach(e -> out.printf("%s  %s: %s  (%,d bytes, in %s)%n", e.trashedAt(), e.library(), e.originalPath(), e.sizeBytes(), e.trashPath()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "restore", description = "Put a trashed file back where it was (give its original or its trash path).")
    static class Restore extends CatalogueCommand {
        @Parameters(paramLabel = "PATH") Path path;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            out.println("restored " + context.getBean(TrashService.class).restore(path));
            return ExitCodes.OK;
        }
    }

    @Command(name = "empty", description = "Delete trashed files older than DAYS days. The only command that deletes files.")
    static class Empty extends CatalogueCommand {
        @Option(names = "--older-than", paramLabel = "DAYS", required = true) int days;
        @Option(names = "--yes", description = "Confirm the deletion.") boolean yes;

        @Override
        public Integer call() {
            if (!yes) {
                spec.commandLine().getErr().println("emptying the trash deletes files for good: add --yes to confirm");
                return ExitCodes.USAGE;
            }
            return super.call();
        }

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            out.printf("deleted %d files from the trash%n", context.getBean(TrashService.class).empty(Duration.ofDays(days)));
            return ExitCodes.OK;
        }
    }
}
