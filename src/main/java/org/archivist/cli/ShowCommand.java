package org.archivist.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import org.archivist.catalog.FileSchemas;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

/** {@code archivist show PATH}: one file's catalogue record, its metadata and every date candidate, as JSON. */
@Command(name = "show", description = "Print one file's record with its metadata and every capture-date candidate.")
class ShowCommand extends CatalogueCommand {
    @Parameters(paramLabel = "PATH") Path path;

    @Override
    int run(ConfigurableApplicationContext context, PrintWriter out) {
        FileSchemas.Response file = Catalogue.fileAt(context, path);
        out.println(context.getBean(JsonMapper.class).writerWithDefaultPrettyPrinter().writeValueAsString(file));
        return ExitCodes.OK;
    }
}
