package org.archivist.catalog;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.archivist.db.StoredEnum;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Items over HTTP: pages for a grid (filters that combine, a sort, a keyset cursor) and one item's detail. */
@RestController
@RequestMapping("/api/items")
class ItemController {

    private final ItemBrowser browser;
    private final ItemService items;

    ItemController(ItemBrowser browser, ItemService items) {
        this.browser = browser;
        this.items = items;
    }

    /**
     * A page of items. {@code tag} repeats (with {@code tags=all}, items must have every one);
     * {@code capturedFrom}/{@code capturedTo} are ISO instants; {@code cursor} is the previous page's
     * {@code next}; {@code limit} 1-500 (default 100).
     */
    @GetMapping
    ItemBrowser.Page list(@RequestParam(required = false) String kind, @RequestParam(required = false) String mediaType,
                          @RequestParam(required = false) Long library, @RequestParam(required = false) List<Long> tag,
                          @RequestParam(defaultValue = "any") String tags, @RequestParam(required = false) Long person,
                          @RequestParam(required = false) Long studio, @RequestParam(required = false) Long collection,
                          @RequestParam(required = false) String capturedFrom, @RequestParam(required = false) String capturedTo,
                          @RequestParam(required = false) String cameraMake, @RequestParam(required = false) String cameraModel,
                          @RequestParam(required = false) Boolean hasGps, @RequestParam(required = false) Double minRating,
                          @RequestParam(required = false) String confidence, @RequestParam(required = false) String status,
                          @RequestParam(required = false) String q, @RequestParam(defaultValue = "captured") String sort,
                          @RequestParam(defaultValue = "desc") String order, @RequestParam(required = false) String cursor,
                          @RequestParam(defaultValue = "100") int limit) {
        if (!tags.equals("any") && !tags.equals("all")) throw new IllegalArgumentException("tags: '" + tags + "' is not one of any, all");
        if (!order.equals("asc") && !order.equals("desc")) throw new IllegalArgumentException("order: '" + order + "' is not one of asc, desc");
        ItemQuery query = new ItemQuery(named("kind", ItemKind.class, kind), named("mediaType", MediaType.class, mediaType), library, tag,
                tags.equals("all"), person, studio, collection, instant("capturedFrom", capturedFrom), instant("capturedTo", capturedTo),
                cameraMake, cameraModel, hasGps, minRating, named("confidence", Confidence.class, confidence),
                named("status", FileStatus.class, status), q, ItemQuery.Sort.parse(sort), order.equals("desc"));
        return browser.page(query, cursor, limit);
    }

    /** The item with its files (metadata and capture-date candidates), tags, people with their roles, studio and collections. */
    @GetMapping("/{id}")
    ItemSchemas.Detail get(@PathVariable long id) {
        return items.detail(id);
    }

    private static <E extends Enum<E> & StoredEnum> E named(String field, Class<E> type, String value) {
        if (value == null) return null;
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.value().equals(value.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(field + ": '" + value + "' is not one of "
                        + String.join(", ", Arrays.stream(type.getEnumConstants()).map(StoredEnum::value).toList())));
    }

    private static Instant instant(String field, String value) {
        if (value == null) return null;
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not an ISO instant such as 2024-07-14T00:00:00Z");
        }
    }
}
