package org.archivist.catalog;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Request and response shapes of studios. */
public final class StudioSchemas {

    private StudioSchemas() {
    }

    public record Create(@NotBlank @Size(max = 300) String name, @Positive Long parentId, @Size(max = 100) String stashId) {
    }

    public record Update(@Size(min = 1, max = 300) String name, @Positive Long parentId) {
    }

    public record Response(long id, String name, Long parentId, String stashId, Instant createdAt, Instant updatedAt) {

        public static Response of(Studio studio) {
            return new Response(studio.getId(), studio.getName(),
                    studio.getParent() == null ? null : studio.getParent().getId(), studio.getStashId(),
                    studio.getCreatedAt(), studio.getUpdatedAt());
        }
    }
}
