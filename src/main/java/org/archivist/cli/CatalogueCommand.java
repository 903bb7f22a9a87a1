package org.archivist.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that works on the open catalogue: takes {@code --db}, opens it, runs, closes it. */
abstract class CatalogueCommand implements Callable<Integer> {

    @Mixin DatabaseOption database;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = Catalogue.open(database)) {
            return run(context, spec.commandLine().getOut());
        }
    }

    /** The command's work; returns its exit code. */
    abstract int run(ConfigurableApplicationContext context, PrintWriter out);
}
