package org.archivist.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.archivist.catalog.FileCatalog;
import org.archivist.catalog.FileSchemas;
import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.db.NotFoundException;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code archivist show PATH}: one file's catalogue record, its metadata and every date candidate, as JSON. */
@Command(name = "show", description = "Print one file's record with its metadata and every capture-date candidate.")
class ShowCommand implements Callable<Integer> {
    @Mixin DatabaseOption database;
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "PATH") Path path;

    @Override
    public Integer call() {
        Path absolute = path.toAbsolutePath().normalize();
        try (ConfigurableApplicationContext context = Catalogue.open(database)) {
            Library library = context.getBean(LibraryService.class).list().stream()
                    .filter(l -> absolute.startsWith(Path.of(l.getRootPath())))
                    .max(java.util.Comparator.comparingInt(l -> l.getRootPath().length()))
                    .orElseThrow(() -> new NotFoundException("library containing", absolute));
            String relative = Path.of(library.getRootPath()).relativize(absolute).toString().replace(java.io.File.separatorChar, '/');
            FileSchemas.Response file = context.getBean(FileCatalog.class).find(library.getId(), relative)
                    .orElseThrow(() -> new NotFoundException("catalogued file", absolute + " (scan its library first)"));
            spec.commandLine().getOut().println(context.getBean(JsonMapper.class).writerWithDefaultPrettyPrinter().writeValueAsString(file));
        }
        return ExitCodes.OK;
    }
}
