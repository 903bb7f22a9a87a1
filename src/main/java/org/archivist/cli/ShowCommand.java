package org.archivist.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.archivist.catalog.FileSchemas;
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
        try (ConfigurableApplicationContext context = Catalogue.open(database)) {
            FileSchemas.Response file = Catalogue.fileAt(context, path);
            spec.commandLine().getOut().println(context.getBean(JsonMapper.class).writerWithDefaultPrettyPrinter().writeValueAsString(file));
        }
        return ExitCodes.OK;
    }
}
