package org.archivist.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.fingerprint.HashService;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code archivist hash [--library NAME] [--threads N]}: the resumable SHA-256 stage. */
@Command(name = "hash", description = "Compute the SHA-256 of every catalogued file that has none yet (resumable).")
class HashCommand extends CatalogueCommand {
    @Option(names = "--library", paramLabel = "NAME", description = "Library to hash (repeatable; default: all).") List<String> names = new ArrayList<>();
    @Option(names = "--threads", paramLabel = "N", description = "Files hashed in parallel (default 1: disks read best sequentially).")
    int threads = 1;

    @Override
    int run(ConfigurableApplicationContext context, PrintWriter out) {
        LibraryService libraries = context.getBean(LibraryService.class);
        List<Library> targets = names.isEmpty() ? libraries.list() : names.stream().map(libraries::get).toList();
        for (Library library : targets) {
            HashService.HashReport report = context.getBean(HashService.class).hash(library, threads, done -> { });
            out.printf("hash %s: %d files hashed, %d skipped (changed or unreadable), %.1f MB in %.1f s (%.0f MB/s)%n",
                    report.library(), report.hashed(), report.failed(), report.bytes() / 1e6, report.seconds(), report.megabytesPerSecond());
        }
        return ExitCodes.OK;
    }
}
