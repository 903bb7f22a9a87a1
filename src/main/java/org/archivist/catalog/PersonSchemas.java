package org.archivist.catalog;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Request and response shapes of people. */
public final class PersonSchemas {

    private PersonSchemas() {
    }

    public record Create(@NotBlank @Size(max = 300) String name, @Size(max = 300) String disambiguation,
                         @Size(max = 100) String stashId) {
    }

    /** {@code aliases}, when given, replaces the person's other names. */
    public record Update(@Size(min = 1, max = 300) String name, @Size(max = 300) String disambiguation,
                         @Size(max = 50) List<@jakarta.validation.constraints.NotBlank @Size(max = 300) String> aliases) {
    }

    public record Response(long id, String name, String disambiguation, List<String> aliases, String stashId, Instant createdAt, Instant updatedAt) {

        public static Response of(Person person) {
            return new Response(person.getId(), person.getName(), person.getDisambiguation(), List.copyOf(person.getAliases()), person.getStashId(),
                    person.getCreatedAt(), person.getUpdatedAt());
        }
    }
}
