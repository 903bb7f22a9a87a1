package org.archivist.decisions;

import java.time.Instant;
import java.util.Map;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** Request and response shapes of user decisions. */
public final class DecisionSchemas {

    private DecisionSchemas() {
    }

    public record Create(@NotNull @Positive Long fileId, @NotNull DecisionType decisionType,
                         @NotNull Map<String, Object> decisionValue) {
    }

    /** Decisions are records of what a person said; only their application is updated. */
    public record Update(@NotNull Boolean applied) {
    }

    public record Response(long id, long fileId, Long userId, DecisionType decisionType, Map<String, Object> decisionValue,
                           Instant decidedAt, Instant appliedAt) {

        public static Response of(UserDecision decision) {
            return new Response(decision.getId(), decision.getFile().getId(),
                    decision.getUser() == null ? null : decision.getUser().getId(), decision.getDecisionType(),
                    decision.getDecisionValue(), decision.getDecidedAt(), decision.getAppliedAt());
        }
    }
}
