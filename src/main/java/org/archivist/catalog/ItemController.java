package org.archivist.catalog;

import java.util.List;

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
    private final CurationService curation;

    private final CatalogAccess access;
    private final org.archivist.access.Callers callers;

    ItemController(ItemBrowser browser, ItemService items, CurationService curation, CatalogAccess access, org.archivist.access.Callers callers) {
        this.access = access;
        this.callers = callers;
        this.browser = browser;
        this.items = items;
        this.curation = curation;
    }

    /** Changes the item's title, details, date, ISBN, cover or organized mark. */
    @org.springframework.web.bind.annotation.PatchMapping("/{id}")
    ItemSchemas.Detail change(@PathVariable long id, @org.springframework.web.bind.annotation.RequestBody ItemSchemas.Update request) {
        access.item(id, callers.current());
        items.update(id, request);
        return access.shown(items.detail(id), callers.current());
    }

    /**
     * Gives or takes tags, people (with role), a studio and a collection place on items named by id
     * or matched by a filter, in one transaction: an id that does not exist changes nothing.
     */
    @org.springframework.web.bind.annotation.PostMapping("/bulk")
    java.util.Map<String, Integer> bulk(@org.springframework.web.bind.annotation.RequestBody CurationSchemas.Change change) {
        return java.util.Map.of("items", curation.apply(callers.current(), change));
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
                          @RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) String favorites) {
        ItemQuery query = new ItemFilter(kind, mediaType, library, tag, tags, person, studio, collection, capturedFrom, capturedTo,
                cameraMake, cameraModel, hasGps, minRating, confidence, status, q).query(sort, order).within(callers.current().libraries())
                .favoritesOf(favoritesOf(favorites, callers.current()));
        return browser.page(query, cursor, limit);
    }

    /** {@code favorites=mine}: the caller's favourites. */
    static Long favoritesOf(String favorites, org.archivist.access.Caller caller) {
        if (favorites == null || favorites.isBlank()) return null;
        if (!favorites.equals("mine")) throw new IllegalArgumentException("favorites: '" + favorites + "' is not mine");
        return caller.userId() == null ? -1L : caller.userId();
    }

    /** The item with its files (metadata and capture-date candidates), tags, people with their roles, studio and collections. */
    @GetMapping("/{id}")
    ItemSchemas.Detail get(@PathVariable long id) {
        access.item(id, callers.current());
        return access.shown(items.detail(id), callers.current());
    }
}
