package org.archivist.plans;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/** Request and response shapes of analysis plans and their changes; a plan response nests its changes. */
public final class PlanSchemas {

    private PlanSchemas() {
    }

    public record Create(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description,
                         Map<String, Object> metadata, @Valid List<ChangeCreate> changes) {
    }

    public record Update(@Size(min = 1, max = 200) String name, @Size(max = 2000) String description) {
    }

    public record ChangeCreate(@NotNull @Positive Long itemId, @NotBlank @Size(max = 50) String field,
                               @NotNull ChangeAction action, JsonNode currentValue, JsonNode proposedValue,
                               @DecimalMin("0") @DecimalMax("1") Double confidence) {
    }

    /** A reviewer's verdict on one change. */
    public record ChangeUpdate(@NotNull Boolean accepted) {
    }

    public record ChangeResponse(long id, long itemId, String field, ChangeAction action, JsonNode currentValue,
                                 JsonNode proposedValue, Double confidence, Boolean accepted, boolean applied,
                                 Instant appliedAt) {

        public static ChangeResponse of(PlanChange change) {
            return new ChangeResponse(change.getId(), change.getItem().getId(), change.getField(), change.getAction(),
                    change.getCurrentValue(), change.getProposedValue(), change.getConfidence(), change.getAccepted(),
                    change.isApplied(), change.getAppliedAt());
        }
    }

    public record Response(long id, String name, String description, Map<String, Object> metadata, PlanStatus status,
                           Long createdBy, Instant createdAt, Instant appliedAt, List<ChangeResponse> changes) {

        public static Response of(AnalysisPlan plan) {
            return new Response(plan.getId(), plan.getName(), plan.getDescription(), plan.getMetadata(), plan.getStatus(),
                    plan.getCreatedBy() == null ? null : plan.getCreatedBy().getId(), plan.getCreatedAt(),
                    plan.getAppliedAt(), plan.getChanges().stream().map(ChangeResponse::of).toList());
        }
    }
}
