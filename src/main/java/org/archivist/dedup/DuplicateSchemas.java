package org.archivist.dedup;

import java.time.Instant;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** Request and response shapes of recorded duplicates. */
public final class DuplicateSchemas {

    private DuplicateSchemas() {
    }

    public record Create(@NotNull @Positive Long fileId, @NotNull @Positive Long duplicateOfId, @NotNull MatchType matchType,
                         @NotNull @DecimalMin("0") @DecimalMax("1") Double similarity) {
    }

    /** A duplicate is re-pointed when its group's original changes. */
    public record Update(@Positive Long duplicateOfId, @DecimalMin("0") @DecimalMax("1") Double similarity) {
    }

    public record Response(long id, long fileId, long duplicateOfId, MatchType matchType, double similarity, Instant detectedAt) {

        public static Response of(Duplicate duplicate) {
            return new Response(duplicate.getId(), duplicate.getFile().getId(), duplicate.getDuplicateOf().getId(),
                    duplicate.getMatchType(), duplicate.getSimilarity(), duplicate.getDetectedAt());
        }
    }
}
