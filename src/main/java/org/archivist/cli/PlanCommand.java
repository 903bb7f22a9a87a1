package org.archivist.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.archivist.catalog.LibraryService;
import org.archivist.plans.AnalysisService;
import org.archivist.plans.AnalysisSettings;
import org.archivist.plans.PlanApplier;
import org.archivist.plans.PlanReview;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code archivist plan}: analyse the catalogue into a plan, review its changes, apply it, undo it. */
@Command(name = "plan", description = "List analysis plans; 'analyze' proposes changes, 'changes' lists them, 'accept'/'reject' decide, 'apply' writes the accepted ones, 'undo' takes them back.",
        subcommands = {PlanCommand.Analyze.class, PlanCommand.Changes.class, PlanCommand.Accept.class, PlanCommand.Reject.class,
                PlanCommand.Apply.class, PlanCommand.Undo.class, PlanCommand.Cancel.class})
class PlanCommand extends CatalogueCommand {

    @Override
    int run(ConfigurableApplicationContext context, PrintWriter out) {
        List<PlanReview.Summary> plans = context.getBean(PlanReview.class).plans();
        if (plans.isEmpty()) out.println("no plans yet (run 'archivist plan analyze')");
        for (PlanReview.Summary plan : plans) out.println(describe(plan));
        return ExitCodes.OK;
    }

    static String describe(PlanReview.Summary plan) {
        return String.format("plan %d  %-9s  %s  %s  outcomes %s", plan.id(), plan.status(), plan.name(), plan.verdicts(), plan.outcomes());
    }

    @Command(name = "analyze", description = "Run the rules (all, or --rules) and write what they propose as a plan to review; nothing else changes.")
    static class Analyze extends CatalogueCommand {
        @Option(names = "--library", paramLabel = "NAME", description = "Only this library (default: every library).") String library;
        @Option(names = "--name", description = "The plan's name (default: ${DEFAULT-VALUE}).") String name = "Analysis";
        @Option(names = "--rules", split = ",", paramLabel = "RULE", description = "Rules to run: folder_tags, filename_date, people_from_names, studio_from_folder, title_from_metadata, genre_tags, twin_tags, xmp_sidecars (default: all).")
        List<String> rules;
        @Option(names = "--settings", paramLabel = "FILE", description = "A JSON file {\"rules\": {RULE: {settings}}, \"policies\": {FIELD: ignore|merge|overwrite}}.") Path settings;
        @Option(names = "--policy", paramLabel = "FIELD=POLICY", description = "A field's policy: ignore, merge (default) or overwrite.") Map<String, String> policies;
        @Option(names = "--min-confidence", paramLabel = "C", description = "Leave out proposals less sure than this (0 to 1).") Double minConfidence;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            JsonMapper json = context.getBean(JsonMapper.class);
            Map<String, JsonNode> ruleSettings = new LinkedHashMap<>();
            Map<String, String> fieldPolicies = new LinkedHashMap<>();
            if (settings != null) {
                JsonNode file;
                try {
                    file = json.readTree(Files.readString(settings));
                } catch (Exception e) {
                    throw new IllegalArgumentException("--settings: " + settings + " is not a readable JSON file (" + e.getMessage() + ")");
                }
                file.path("rules").properties().forEach(e -> ruleSettings.put(e.getKey(), e.getValue()));
                file.path("policies").properties().forEach(e -> fieldPolicies.put(e.getKey(), e.getValue().asString()));
            }
            if (rules != null) {
                ruleSettings.keySet().retainAll(rules);
                for (String rule : rules) ruleSettings.putIfAbsent(rule, json.createObjectNode());
            }
            if (policies != null) fieldPolicies.putAll(policies);
            Long libraryId = library == null ? null : context.getBean(LibraryService.class).get(library).getId();
            AnalysisSettings analysis = AnalysisSettings.of(libraryId, ruleSettings, fieldPolicies, minConfidence);
            long planId = context.getBean(AnalysisService.class).analyze(new AnalysisService.AnalysisJob(name, analysis, null));
            out.println(describe(context.getBean(PlanReview.class).summary(planId)));
            out.println("review it: archivist plan changes " + planId + "; accept: archivist plan accept " + planId + " --min-confidence 0.8");
            return ExitCodes.OK;
        }
    }

    /** The filter options the listing and the verdicts share. */
    static class Filter {
        @Option(names = "--field", description = "Only this field: tag, person, studio, title, details, date, capture_date.") String field;
        @Option(names = "--rule", description = "Only this rule's changes.") String rule;
        @Option(names = "--min-confidence", paramLabel = "C") Double minConfidence;
        @Option(names = "--max-confidence", paramLabel = "C") Double maxConfidence;

        PlanReview.Filter with(String verdict) {
            return new PlanReview.Filter(field, rule, minConfidence, maxConfidence, verdict, null, null);
        }
    }

    @Command(name = "changes", description = "List a plan's changes (100 at a time; --after ID for the next).")
    static class Changes extends CatalogueCommand {
        @Parameters(paramLabel = "PLAN") long planId;
        @picocli.CommandLine.Mixin Filter filter = new Filter();
        @Option(names = "--verdict", description = "accepted, rejected or unreviewed.") String verdict;
        @Option(names = "--after", paramLabel = "ID") Long after;
        @Option(names = "--limit", defaultValue = "100") int limit;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            PlanReview.ChangePage page = context.getBean(PlanReview.class).changes(planId, filter.with(verdict), after, limit);
            for (PlanReview.ChangeRow c : page.changes()) {
                out.printf("%d  item %d  %s %s %s -> %s  %.2f  %s  %s%s%n", c.id(), c.itemId(), c.action(), c.field(), c.currentValue(), c.proposedValue(),
                        c.confidence() == null ? 0 : c.confidence(), c.rule(), c.accepted() == null ? "unreviewed" : c.accepted() ? "accepted" : "rejected",
                        c.outcome() == null ? "" : "  " + c.outcome() + (c.outcomeDetail() == null ? "" : " (" + c.outcomeDetail() + ")"));
            }
            if (page.next() != null) out.println("more: --after " + page.next());
            return ExitCodes.OK;
        }
    }

    /** A verdict on the changes named or matched; accept and reject differ only in which. */
    abstract static class Verdict extends CatalogueCommand {
        @Parameters(paramLabel = "PLAN") long planId;
        @picocli.CommandLine.Mixin Filter filter = new Filter();
        @Option(names = "--ids", split = ",", paramLabel = "ID") List<Long> ids;

        abstract boolean accepted();

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            int changed = context.getBean(PlanReview.class).decide(planId, ids, filter.with(null), accepted());
            out.printf("%d changes %s%n", changed, accepted() ? "accepted" : "rejected");
            return ExitCodes.OK;
        }
    }

    @Command(name = "accept", description = "Accept the changes named (--ids) or every change the filter matches.")
    static class Accept extends Verdict {
        @Override
        boolean accepted() {
            return true;
        }
    }

    @Command(name = "reject", description = "Reject the changes named (--ids) or every change the filter matches.")
    static class Reject extends Verdict {
        @Override
        boolean accepted() {
            return false;
        }
    }

    @Command(name = "apply", description = "Write the plan's accepted changes (stale and locked ones are skipped and reported).")
    static class Apply extends CatalogueCommand {
        @Parameters(paramLabel = "PLAN") long planId;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            out.println("plan " + planId + " applied: " + context.getBean(PlanApplier.class).apply(planId));
            return ExitCodes.OK;
        }
    }

    @Command(name = "undo", description = "Take an applied plan back: each value returns to what it was, unless someone changed it since.")
    static class Undo extends CatalogueCommand {
        @Parameters(paramLabel = "PLAN") long planId;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            out.println("plan " + planId + " undone: " + context.getBean(PlanApplier.class).undo(planId));
            return ExitCodes.OK;
        }
    }

    @Command(name = "cancel", description = "Cancel a plan that is not applied.")
    static class Cancel extends CatalogueCommand {
        @Parameters(paramLabel = "PLAN") long planId;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            context.getBean(PlanReview.class).cancel(planId);
            out.println("plan " + planId + " cancelled");
            return ExitCodes.OK;
        }
    }
}
