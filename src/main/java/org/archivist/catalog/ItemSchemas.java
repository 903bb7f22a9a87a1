package org.archivist.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request and response shapes of items. */
public final class ItemSchemas {

    private ItemSchemas() {
    }

    public record Create(
            @NotNull ItemKind kind,
            @NotBlank @Size(max = 500) String title,
            @Size(max = 20_000) String details,
            LocalDate itemDate,
            @ValidIsbn String isbn,
            @Size(max = 2000) String coverImageUrl,
            @Size(max = 100) String stashId,
            List<@NotBlank @Size(max = 100) String> tags) {

        public Create {
            tags = tags == null ? List.of() : List.copyOf(tags);
        }
    }

    /** Only the fields given (not null) change. */
    public record Update(
            @Size(min = 1, max = 500) String title,
            @Size(max = 20_000) String details,
            LocalDate itemDate,
            @ValidIsbn String isbn,
            @Size(max = 2000) String coverImageUrl,
            Boolean organized) {
    }

    public record Credit(long personId, String name, PersonRole role) {
    }

    public record Response(long id, ItemKind kind, String title, String details, LocalDate itemDate,
                           boolean organized, StudioSchemas.Response studio, String isbn, String coverImageUrl,
                           BigDecimal averageRating, int reviewCount, String stashId,
                           List<TagSchemas.Response> tags, List<Credit> people, List<FileSchemas.Summary> files,
                           Instant createdAt, Instant updatedAt) {

        public static Response of(Item item) {
            return new Response(item.getId(), item.getKind(), item.getTitle(), item.getDetails(), item.getItemDate(),
                    item.isOrganized(), item.getStudio() == null ? null : StudioSchemas.Response.of(item.getStudio()),
                    item.getIsbn(), item.getCoverImageUrl(), item.getAverageRating(), item.getReviewCount(),
                    item.getStashId(),
                    item.getTags().stream().map(TagSchemas.Response::of).toList(),
                    item.getPeople().stream().map(c -> new Credit(c.getPerson().getId(), c.getPerson().getName(), c.getRole())).toList(),
                    item.getFiles().stream().map(FileSchemas.Summary::of).toList(),
                    item.getCreatedAt(), item.getUpdatedAt());
        }
    }

    /** A collection an item is in, and where. */
    public record CollectionPlace(long id, String name, int position) {
    }

    /** One item as its page shows it: the item, each of its files with metadata and capture-date candidates, its collections. */
    public record Detail(Response item, List<FileSchemas.Response> files, List<CollectionPlace> collections) {
    }
}
