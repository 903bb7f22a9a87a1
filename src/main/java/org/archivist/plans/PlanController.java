package org.archivist.plans;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Size;

import org.archivist.access.Callers;
import org.archivist.jobs.JobSchemas;
import org.archivist.validation.RequestValidator;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/** The analysis plans API (docs/plans.md): run an analysis, review its changes, apply, undo. Admins only. */
@RestController
@RequestMapping("/api/plans")
class PlanController {

    /** An analysis as asked for: a name, one library or all, rules with their settings, policies per field, the least confidence. */
    record AnalyzeRequest(@Size(max = 200) String name, Long libraryId, Map<String, JsonNode> rules, Map<String, String> policies,
                          @DecimalMin("0") @DecimalMax("1") Double minConfidence) {
    }

    /** A verdict on the changes named by id, or (no ids) on every change the filter matches. */
    record VerdictRequest(@Size(max = 100_000) List<Long> ids, String field, String rule, @DecimalMin("0") @DecimalMax("1") Double minConfidence,
                          @DecimalMin("0") @DecimalMax("1") Double maxConfidence, String verdict) {
        PlanReview.Filter filter() {
            return new PlanReview.Filter(field, rule, minConfidence, maxConfidence, verdict, null, null);
        }
    }

    private final AnalysisService analysis;
    private final PlanReview review;
    private final PlanApplier applier;
    private final Callers callers;
    private final RequestValidator validator;

    PlanController(AnalysisService analysis, PlanReview review, PlanApplier applier, Callers callers, RequestValidator validator) {
        this.analysis = analysis;
        this.review = review;
        this.applier = applier;
        this.callers = callers;
        this.validator = validator;
    }

    @GetMapping
    List<PlanReview.Summary> plans() {
        return review.plans();
    }

    /** Queues the analysis and answers 202 with its job; the job's result names the plan ({@code planId}). */
    @PostMapping("/analyze")
    @ResponseStatus(HttpStatus.ACCEPTED)
    JobSchemas.Response analyze(@RequestBody(required = false) AnalyzeRequest request) {
        AnalyzeRequest given = request == null ? new AnalyzeRequest(null, null, null, null, null) : request;
        validator.validate(given);
        AnalysisSettings settings = AnalysisSettings.of(given.libraryId(), given.rules(), given.policies(), given.minConfidence());
        String name = given.name() == null || given.name().isBlank() ? "Analysis" : given.name().strip();
        return JobSchemas.Response.of(analysis.submit(new AnalysisService.AnalysisJob(name, settings, callers.current().userId())));
    }

    @GetMapping("/{id}")
    PlanReview.Summary plan(@PathVariable long id) {
        return review.summary(id);
    }

    @GetMapping("/{id}/changes")
    PlanReview.ChangePage changes(@PathVariable long id, @RequestParam(required = false) String field, @RequestParam(required = false) String rule,
                                  @RequestParam(required = false) Double minConfidence, @RequestParam(required = false) Double maxConfidence,
                                  @RequestParam(required = false) String verdict, @RequestParam(required = false) String outcome,
                                  @RequestParam(required = false) Long item, @RequestParam(required = false) Long after,
                                  @RequestParam(defaultValue = "100") int limit) {
        return review.changes(id, new PlanReview.Filter(field, rule, minConfidence, maxConfidence, verdict, outcome, item), after, limit);
    }

    @PostMapping("/{id}/accept")
    Map<String, Integer> accept(@PathVariable long id, @RequestBody VerdictRequest request) {
        validator.validate(request);
        return Map.of("accepted", review.decide(id, request.ids(), request.filter(), true));
    }

    @PostMapping("/{id}/reject")
    Map<String, Integer> reject(@PathVariable long id, @RequestBody VerdictRequest request) {
        validator.validate(request);
        return Map.of("rejected", review.decide(id, request.ids(), request.filter(), false));
    }

    @PostMapping("/{id}/apply")
    @ResponseStatus(HttpStatus.ACCEPTED)
    JobSchemas.Response apply(@PathVariable long id) {
        return JobSchemas.Response.of(applier.submitApply(id));
    }

    @PostMapping("/{id}/undo")
    @ResponseStatus(HttpStatus.ACCEPTED)
    JobSchemas.Response undo(@PathVariable long id) {
        return JobSchemas.Response.of(applier.submitUndo(id));
    }

    @PostMapping("/{id}/cancel")
    ResponseEntity<Void> cancel(@PathVariable long id) {
        review.cancel(id);
        return ResponseEntity.noContent().build();
    }
}
