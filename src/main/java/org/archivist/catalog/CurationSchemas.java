package org.archivist.catalog;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Request shapes of curation: what one request gives or takes from items. */
public final class CurationSchemas {

    private CurationSchemas() {
    }

    /** A person credited on items, and as what. */
    public record Credit(@Positive long personId, @NotNull PersonRole role) {
    }

    /**
     * Changes to apply to the items named by {@code items} (ids) or matched by {@code filter} (the
     * filters of {@code GET /api/items}); every part is optional.
     */
    public record Change(@Size(max = CurationService.LARGEST_CHANGE) List<@NotNull @Positive Long> items, ItemFilter filter,
                         @Size(max = 100) List<@NotNull @Positive Long> addTags, @Size(max = 100) List<@NotNull @Positive Long> removeTags,
                         @Size(max = 100) List<@Valid @NotNull Credit> addPeople, @Size(max = 100) List<@Valid @NotNull Credit> removePeople,
                         @Positive Long studio, Boolean clearStudio, @Positive Long addToCollection, @Positive Long removeFromCollection) {
    }

    /** Where an item goes in a collection (0 is first); absent: at the end. */
    public record Placement(@NotNull @Positive Long itemId, @jakarta.validation.constraints.PositiveOrZero Integer position) {
    }

    public record Move(@NotNull @jakarta.validation.constraints.PositiveOrZero Integer position) {
    }
}
