package org.archivist.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import org.archivist.stash.StashImporter;
import org.archivist.stash.StashPush;
import org.archivist.stash.StashSettings;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code archivist stash}: the Stash server's address and key, and importing its scenes. */
@Command(name = "stash", description = "Show the Stash connection; 'set' gives its address and key, 'import' reads its scenes.",
        subcommands = {StashCommand.Set.class, StashCommand.Import.class, StashCommand.Push.class})
class StashCommand extends CatalogueCommand {

    @Override
    int run(ConfigurableApplicationContext context, PrintWriter out) {
        StashSettings.Shown shown = context.getBean(StashSettings.class).shown();
        out.println(shown.configured() ? "Stash at " + shown.url() + ", API key " + (shown.apiKey() == null ? "none" : shown.apiKey())
                + ", last import " + (shown.lastImport() == null ? "never" : "up to " + shown.lastImport()) : "Stash is not set up (archivist stash set URL)");
        return ExitCodes.OK;
    }

    @Command(name = "set", description = "Give the Stash server's address (such as http://nas.local:9999) and, with --api-key-stdin, its API key read from standard input.")
    static class Set extends CatalogueCommand {
        @Parameters(paramLabel = "URL") String url;
        @Option(names = "--api-key-stdin", description = "Read the API key from standard input (never from the command line, where others can see it).") boolean keyFromStdin;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            String key = null;
            if (keyFromStdin) {
                try {
                    key = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException("--api-key-stdin: could not read standard input (" + e.getMessage() + ")");
                }
                if (key == null) throw new IllegalArgumentException("--api-key-stdin: standard input was empty");
            }
            StashSettings.Shown shown = context.getBean(StashSettings.class).set(url, key);
            out.println("Stash at " + shown.url() + ", API key " + (shown.apiKey() == null ? "none" : shown.apiKey()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "import", description = "Read Stash's scenes (those updated since the last import; --full: all), with their performers, tags and studios.")
    static class Import extends CatalogueCommand {
        @Option(names = "--full", description = "Read every scene again.") boolean full;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            out.println("imported: " + context.getBean(StashImporter.class).importNow(full));
            return ExitCodes.OK;
        }
    }

    @Command(name = "push", description = "Show what a plan's applied changes would send to Stash; with --yes, send them (scenes changed in Stash since the last sync are left as conflicts).")
    static class Push extends CatalogueCommand {
        @Parameters(paramLabel = "PLAN") long planId;
        @Option(names = "--yes", description = "Send, after the preview.") boolean yes;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            StashPush push = context.getBean(StashPush.class);
            StashPush.Preview preview = push.preview(planId);
            for (StashPush.SceneUpdate u : preview.updates()) {
                out.printf("scene %s: set %s; tags +%s -%s; performers +%s -%s%n", u.sceneId(), u.set(), u.addTags(), u.removeTags(), u.addPerformers(), u.removePerformers());
            }
            preview.skipped().forEach(line -> out.println("not sent: " + line));
            if (!yes) {
                out.println(preview.updates().size() + " scenes would be updated; run again with --yes to send");
                return ExitCodes.OK;
            }
            StashPush.Report report = push.pushNow(planId);
            report.conflicts().forEach(line -> out.println("conflict: " + line));
            out.println(report.sent() + " scenes updated in Stash, " + report.conflicts().size() + " conflicts");
            return ExitCodes.OK;
        }
    }
}
