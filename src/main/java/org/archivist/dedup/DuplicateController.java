package org.archivist.dedup;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The duplicates API: the groups to review, detection on demand, and a person's decisions (docs/api.md). */
@RestController
@RequestMapping("/api/duplicates")
class DuplicateController {

    private final DuplicateReview review;
    private final DuplicateDetection detection;

    private final org.archivist.catalog.CatalogAccess access;
    private final org.archivist.access.Callers callers;

    DuplicateController(DuplicateReview review, DuplicateDetection detection, org.archivist.catalog.CatalogAccess access,
                        org.archivist.access.Callers callers) {
        this.access = access;
        this.callers = callers;
        this.review = review;
        this.detection = detection;
    }

    /** {@code match}: exact, near, or absent for both; the same groups as {@code archivist dupes --json}. */
    @GetMapping
    List<DuplicateReview.Group> groups(@RequestParam(required = false) String match) {
        return review.groups(matchType(match), callers.current().libraries());
    }

    /**
     * Queues detection (the same job as {@code archivist dupes find}) and answers 202 with the job at
     * once; follow it at {@code /api/jobs/{id}} or its event stream.
     */
    @PostMapping("/find")
    @ResponseStatus(HttpStatus.ACCEPTED)
    org.archivist.jobs.JobSchemas.Response find(@RequestParam(defaultValue = "false") boolean exact,
                                                @RequestParam(required = false) Integer threshold) {
        if (exact && threshold != null) {
            throw new IllegalArgumentException("threshold: only near-duplicate detection takes one (drop exact=true)");
        }
        DuplicateDetection.NearSettings settings = exact ? null : threshold == null ? DuplicateDetection.NearSettings.DEFAULT
                : DuplicateDetection.NearSettings.withThreshold(threshold);
        return org.archivist.jobs.JobSchemas.Response.of(detection.submit(settings));
    }

    @PostMapping("/{fileId}/keep")
    Map<String, Integer> keep(@PathVariable long fileId) {
        access.file(fileId, callers.current());
        return Map.of("discarded", review.keep(fileId, callers.current().libraries()));
    }

    /** {@code keep}: the copy kept instead (default: the group's original). */
    @PostMapping("/{fileId}/discard")
    ResponseEntity<Void> discard(@PathVariable long fileId, @RequestParam(required = false) Long keep) {
        access.file(fileId, callers.current());
        if (keep != null) access.file(keep, callers.current());
        review.discard(fileId, keep);
        return ResponseEntity.noContent().build();
    }

    /** Keeps every copy of the file's group of that match type; no detection proposes any of its pairs again. */
    @PostMapping("/{fileId}/keep-all")
    Map<String, Integer> keepAll(@PathVariable long fileId, @RequestParam String matchType) {
        access.file(fileId, callers.current());
        return Map.of("kept", review.keepAll(fileId, org.archivist.db.StoredEnum.parse("matchType", MatchType.class, matchType),
                callers.current().libraries()));
    }

    @PostMapping("/{fileId}/distinct/{otherFileId}")
    ResponseEntity<Void> distinct(@PathVariable long fileId, @PathVariable long otherFileId) {
        access.file(fileId, callers.current());
        access.file(otherFileId, callers.current());
        review.notDuplicates(fileId, otherFileId);
        return ResponseEntity.noContent().build();
    }

    static String matchType(String match) {
        if (match == null) return null;
        return switch (match) {
            case "exact" -> "exact";
            case "near" -> "perceptual";
            default -> throw new IllegalArgumentException("match: '" + match + "' is not one of exact, near");
        };
    }
}
