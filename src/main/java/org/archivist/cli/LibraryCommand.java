package org.archivist.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.catalog.MediaType;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code archivist library add | list | remove}. */
@Command(name = "library", description = "Manage libraries (folders Archivist catalogues).",
        subcommands = {LibraryCommand.Add.class, LibraryCommand.ListLibraries.class, LibraryCommand.Remove.class})
class LibraryCommand {

    @Command(name = "add", description = "Add a folder as a library.")
    static class Add extends CatalogueCommand {
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Parameters(index = "1", paramLabel = "PATH") Path path;
        @Option(names = "--include", split = ",", paramLabel = "KINDS",
                description = "Kinds to read metadata of: video,audio,image,document,book,other (default: all)")
        List<String> include = new ArrayList<>();
        @Option(names = "--exclude", paramLabel = "GLOB", description = "Paths to skip, relative to the root (repeatable), e.g. '**/.thumbnails'")
        List<String> exclude = new ArrayList<>();

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            List<MediaType> kinds = include.stream().map(Add::kind).toList();
            Library library = context.getBean(LibraryService.class).add(name, path, kinds, exclude);
            out.printf("added library %s at %s%n", library.getName(), library.getRootPath());
            return ExitCodes.OK;
        }

        private static MediaType kind(String text) {
            for (MediaType type : MediaType.values()) {
                if (type.value().equals(text.strip().toLowerCase(Locale.ROOT))) return type;
            }
            throw new IllegalArgumentException("--include: unknown kind \"" + text + "\" (use video, audio, image, document, book, other)");
        }
    }

    @Command(name = "list", description = "List libraries.")
    static class ListLibraries extends CatalogueCommand {

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            LibraryService libraries = context.getBean(LibraryService.class);
            for (Library library : libraries.list()) {
                out.printf("%-20s %-50s %8d files  %s%n", library.getName(), library.getRootPath(),
                        libraries.presentFiles(library.getId()),
                        library.isOffline() ? "OFFLINE: " + library.getOfflineReason()
                                : library.getLastScannedAt() == null ? "never scanned" : "scanned " + library.getLastScannedAt());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove", description = "Remove a library from the catalogue (its files on disk are not touched).")
    static class Remove extends CatalogueCommand {
        @Parameters(index = "0", paramLabel = "NAME") String name;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            int files = context.getBean(LibraryService.class).remove(name);
            out.printf("removed library %s (%d catalogue rows; no file on disk was touched)%n", name, files);
            return ExitCodes.OK;
        }
    }
}
