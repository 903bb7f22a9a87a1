package org.archivist.plans;

import java.util.Arrays;
import java.util.List;

import org.archivist.access.Callers;
import org.archivist.catalog.LibraryService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The plans pages: run an analysis, review a plan's changes by filter, accept or reject, apply, undo (docs/web.md). Admins only. */
@Controller
class PlanPages {

    private final AnalysisService analysis;
    private final PlanReview review;
    private final PlanApplier applier;
    private final LibraryService libraries;
    private final Callers callers;

    PlanPages(AnalysisService analysis, PlanReview review, PlanApplier applier, LibraryService libraries, Callers callers) {
        this.analysis = analysis;
        this.review = review;
        this.applier = applier;
        this.libraries = libraries;
        this.callers = callers;
    }

    @GetMapping("/plans")
    String plans(Model model) {
        model.addAttribute("plans", review.plans());
        model.addAttribute("libraries", libraries.visibleTo(callers.current()));
        model.addAttribute("rules", AnalysisSettings.RULES);
        return "plans/plans";
    }

    @PostMapping("/plans/analyze")
    String analyze(@RequestParam(required = false) Long library, @RequestParam(defaultValue = "") String name,
                   @RequestParam(required = false) List<String> rules, @RequestParam(required = false) Double minConfidence, RedirectAttributes flash) {
        try {
            java.util.Map<String, tools.jackson.databind.JsonNode> chosen = new java.util.LinkedHashMap<>();
            if (rules != null) for (String rule : rules) chosen.put(rule, PlanValues.JSON.createObjectNode());
            var job = analysis.submit(new AnalysisService.AnalysisJob(name.isBlank() ? "Analysis" : name.strip(),
                    AnalysisSettings.of(library, chosen, null, minConfidence), callers.current().userId()));
            flash.addFlashAttribute("message", "Analysis queued as job " + job.getId() + "; its plan appears here when it is done.");
        } catch (RuntimeException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/plans";
    }

    @GetMapping("/plans/{id}")
    String plan(@PathVariable long id, @RequestParam(required = false) String field, @RequestParam(required = false) String rule,
                @RequestParam(required = false) Double minConfidence, @RequestParam(required = false) Double maxConfidence,
                @RequestParam(required = false) String verdict, @RequestParam(required = false) String outcome,
                @RequestParam(required = false) Long after, Model model) {
        PlanReview.Filter filter = new PlanReview.Filter(blank(field), blank(rule), minConfidence, maxConfidence, blank(verdict), blank(outcome), null);
        model.addAttribute("plan", review.summary(id));
        model.addAttribute("filter", filter);
        model.addAttribute("fields", new java.util.TreeSet<>(AnalysisSettings.FIELDS));
        model.addAttribute("rules", AnalysisSettings.RULES);
        try {
            model.addAttribute("page", review.changes(id, filter, after, 100));
        } catch (IllegalArgumentException e) {
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("page", new PlanReview.ChangePage(List.of(), null));
        }
        return "plans/plan";
    }

    /** A verdict on the changes listed by id, or (none listed) on every change the filter matches. */
    @PostMapping("/plans/{id}/decide")
    String decide(@PathVariable long id, @RequestParam boolean accepted, @RequestParam(defaultValue = "") String ids,
                  @RequestParam(required = false) String field, @RequestParam(required = false) String rule,
                  @RequestParam(required = false) Double minConfidence, @RequestParam(required = false) Double maxConfidence,
                  @RequestParam(required = false) String verdict, RedirectAttributes flash) {
        try {
            List<Long> named = ids.isBlank() ? null : Arrays.stream(ids.split(",")).map(String::strip).map(Long::parseLong).toList();
            int changed = review.decide(id, named, new PlanReview.Filter(blank(field), blank(rule), minConfidence, maxConfidence, blank(verdict), null, null), accepted);
            flash.addFlashAttribute("message", changed + (changed == 1 ? " change " : " changes ") + (accepted ? "accepted." : "rejected."));
        } catch (NumberFormatException e) {
            flash.addFlashAttribute("problem", "ids: not a list of change ids");
        } catch (RuntimeException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/plans/" + id;
    }

    @PostMapping("/plans/{id}/apply")
    String apply(@PathVariable long id, RedirectAttributes flash) {
        return queued(id, flash, () -> applier.submitApply(id), "Applying as job ");
    }

    @PostMapping("/plans/{id}/undo")
    String undo(@PathVariable long id, RedirectAttributes flash) {
        return queued(id, flash, () -> applier.submitUndo(id), "Undoing as job ");
    }

    @PostMapping("/plans/{id}/cancel")
    String cancel(@PathVariable long id, RedirectAttributes flash) {
        try {
            review.cancel(id);
            flash.addFlashAttribute("message", "Plan cancelled.");
        } catch (RuntimeException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/plans/" + id;
    }

    private static String queued(long id, RedirectAttributes flash, java.util.function.Supplier<org.archivist.jobs.Job> submit, String what) {
        try {
            flash.addFlashAttribute("message", what + submit.get().getId() + " (see Jobs).");
        } catch (org.archivist.db.NotFoundException e) {
            throw e;
        } catch (RuntimeException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/plans/" + id;
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
