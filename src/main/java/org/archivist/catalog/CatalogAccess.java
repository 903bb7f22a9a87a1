package org.archivist.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.archivist.access.Caller;
import org.archivist.db.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether a caller may see a library, an item or a file: every handler that takes one of their ids
 * asks here first. What the caller may not see answers "not found", word for word as what does not
 * exist, so an id from another library tells nothing. An item is the caller's when one of its
 * files is in a library they have; an item without files is the admins'.
 */
@Service
public class CatalogAccess {

    private final JdbcTemplate jdbc;

    CatalogAccess(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void library(long libraryId, Caller caller) {
        caller.require("library", libraryId, libraryId);
    }

    @Transactional(readOnly = true)
    public void item(long itemId, Caller caller) {
        if (caller.libraries() == null) return;
        if (visibleItems(List.of(itemId), caller).isEmpty()) throw new NotFoundException("item", itemId);
    }

    @Transactional(readOnly = true)
    public void file(long fileId, Caller caller) {
        if (caller.libraries() == null) return;
        List<Long> library = jdbc.queryForList("SELECT library_id FROM files WHERE id = ?", Long.class, fileId);
        if (library.isEmpty() || !caller.sees(library.get(0))) throw new NotFoundException("file", fileId);
    }

    /** Those of the items the caller may see. */
    @Transactional(readOnly = true)
    public Set<Long> visibleItems(Collection<Long> itemIds, Caller caller) {
        Set<Long> visible = new HashSet<>();
        if (caller.libraries() == null) {
            visible.addAll(itemIds);
            return visible;
        }
        if (caller.libraries().isEmpty() || itemIds.isEmpty()) return visible;
        List<Long> ids = new ArrayList<>(new HashSet<>(itemIds));
        String libraries = String.join(", ", java.util.Collections.nCopies(caller.libraries().size(), "?"));
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            List<Object> arguments = new ArrayList<>(chunk);
            arguments.addAll(caller.libraries());
            visible.addAll(jdbc.queryForList("SELECT DISTINCT item_id FROM files WHERE item_id IN ("
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ") AND library_id IN (" + libraries + ")",
                    Long.class, arguments.toArray()));
        }
        return visible;
    }

    /**
     * The collection as the caller may see it: the entries of items in their libraries (a household's
     * collection can hold items of libraries a member does not have; they are left out, positions kept).
     */
    public CollectionSchemas.Response shown(CollectionSchemas.Response collection, Caller caller) {
        if (caller.libraries() == null) return collection;
        Set<Long> visible = visibleItems(collection.items().stream().map(CollectionSchemas.Entry::itemId).toList(), caller);
        return new CollectionSchemas.Response(collection.id(), collection.name(), collection.description(), collection.ownerId(),
                collection.items().stream().filter(e -> visible.contains(e.itemId())).toList(), collection.createdAt(), collection.updatedAt());
    }

    /** The item's detail with only the files of the caller's libraries (an item can hold files of two). */
    public ItemSchemas.Detail shown(ItemSchemas.Detail detail, Caller caller) {
        if (caller.libraries() == null) return detail;
        return new ItemSchemas.Detail(detail.item(), detail.files().stream().filter(f -> caller.sees(f.libraryId())).toList(), detail.collections());
    }

    /** Every item of the list the caller may see, or "not found" naming the first that is not (as if it did not exist). */
    public void items(Collection<Long> itemIds, Caller caller) {
        if (caller.libraries() == null) return;
        Set<Long> visible = visibleItems(itemIds, caller);
        for (Long id : itemIds) if (!visible.contains(id)) throw new NotFoundException("item", id);
    }
}
