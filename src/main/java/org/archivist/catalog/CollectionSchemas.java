package org.archivist.catalog;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Request and response shapes of collections; a response lists its items in order. */
public final class CollectionSchemas {

    private CollectionSchemas() {
    }

    public record Create(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description) {
    }

    public record Update(@Size(min = 1, max = 200) String name, @Size(max = 2000) String description) {
    }

    public record Entry(int position, long itemId, String title, Instant addedAt) {
    }

    public record Response(long id, String name, String description, Long ownerId, List<Entry> items,
                           Instant createdAt, Instant updatedAt) {

        public static Response of(ItemCollection collection) {
            return new Response(collection.getId(), collection.getName(), collection.getDescription(),
                    collection.getOwnerId(),
                    collection.getEntries().stream().map(e -> new Entry(e.getPosition(), e.getItem().getId(),
                            e.getItem().getTitle(), e.getAddedAt())).toList(),
                    collection.getCreatedAt(), collection.getUpdatedAt());
        }
    }
}
