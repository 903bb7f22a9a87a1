package org.archivist.catalog;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request and response shapes of tags. */
public final class TagSchemas {

    static final String HEX_COLOR = "^#[0-9a-fA-F]{6}$";
    static final String HEX_COLOR_MESSAGE = "must be a colour written #rrggbb";

    private TagSchemas() {
    }

    public record Create(
            @NotBlank @Size(max = 100) String name,
            @Size(max = 2000) String description,
            @Pattern(regexp = HEX_COLOR, message = HEX_COLOR_MESSAGE) String color,
            @Size(max = 50) String category) {
    }

    public record Update(
            @Size(min = 1, max = 100) String name,
            @Size(max = 2000) String description,
            @Pattern(regexp = HEX_COLOR, message = HEX_COLOR_MESSAGE) String color,
            @Size(max = 50) String category) {
    }

    public record Response(long id, String name, String description, String color, String category,
                           String stashId, Instant createdAt, Instant updatedAt) {

        public static Response of(Tag tag) {
            return new Response(tag.getId(), tag.getName(), tag.getDescription(), tag.getColor(), tag.getCategory(),
                    tag.getStashId(), tag.getCreatedAt(), tag.getUpdatedAt());
        }
    }
}
