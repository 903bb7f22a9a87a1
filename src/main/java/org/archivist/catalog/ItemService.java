package org.archivist.catalog;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.util.List;

import org.archivist.db.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Items, their tags and credits: what other features may ask of the catalogue's items. */
@Service
public class ItemService {

    private final ItemRepository items;
    private final TagRepository tags;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;

    @PersistenceContext
    private EntityManager entityManager;

    private final org.archivist.validation.RequestValidator validator;

    private final ItemDetailReader details;

    private final ItemFields fields;

    ItemService(ItemRepository items, TagRepository tags, org.springframework.jdbc.core.JdbcTemplate jdbc,
                org.archivist.validation.RequestValidator validator, ItemDetailReader details, ItemFields fields) {
        this.fields = fields;
        this.details = details;
        this.items = items;
        this.tags = tags;
        this.jdbc = jdbc;
        this.validator = validator;
    }

    @Transactional
    public Item create(ItemSchemas.Create request) {
        Item item = new Item(request.kind(), request.title().strip());
        item.setDetails(request.details());
        item.setItemDate(request.itemDate());
        item.setIsbn(request.isbn());
        item.setCoverImageUrl(request.coverImageUrl());
        item.setStashId(request.stashId());
        item = items.save(item);
        for (String tagName : request.tags()) {
            item.addTag(findOrCreateTag(tagName, null));
        }
        return item;
    }

    @Transactional
    public Item update(long id, ItemSchemas.Update request) {
        validator.validate(request);
        Item item = get(id);
        // A person's edit: the field is locked against analysis plans until the lock is lifted.
        if (request.title() != null) {
            item.setTitle(request.title().strip());
            fields.lock(id, "title");
        }
        if (request.details() != null) {
            item.setDetails(request.details());
            fields.lock(id, "details");
        }
        if (request.itemDate() != null) {
            item.setItemDate(request.itemDate());
            fields.lock(id, "date");
        }
        if (request.isbn() != null) {
            String isbn = request.isbn().isBlank() ? null : Isbn.toIsbn13(request.isbn());
            List<Long> holder = isbn == null ? List.of() : jdbc.queryForList("SELECT id FROM items WHERE isbn = ? AND id <> ?", Long.class, isbn, id);
            if (!holder.isEmpty()) throw new IllegalArgumentException("isbn: " + isbn + " is already the book " + holder.get(0));
            item.setIsbn(isbn);
        }
        if (request.coverImageUrl() != null) item.setCoverImageUrl(request.coverImageUrl());
        if (request.organized() != null) item.setOrganized(request.organized());
        return item;
    }

    /**
     * What a person gave the item {@code gone} (its tags, people and collection places) goes to
     * {@code kept} as well, without duplicates: a discarded copy's curation is never lost.
     * Runs in the caller's transaction.
     */
    @Transactional
    public void mergeInto(long kept, long gone) {
        if (kept == gone) return;
        jdbc.update("""
                INSERT INTO item_tags (item_id, tag_id, created_at) SELECT ?, tag_id, created_at FROM item_tags
                WHERE item_id = ? AND tag_id NOT IN (SELECT tag_id FROM item_tags WHERE item_id = ?)""", kept, gone, kept);
        jdbc.update("""
                INSERT INTO item_people (item_id, person_id, role) SELECT ?, person_id, role FROM item_people p
                WHERE item_id = ? AND NOT EXISTS (SELECT 1 FROM item_people q WHERE q.item_id = ? AND q.person_id = p.person_id AND q.role = p.role)""",
                kept, gone, kept);
        // The kept item joins each collection at its end, so positions stay dense.
        jdbc.update("""
                INSERT INTO collection_items (collection_id, item_id, position, added_at)
                SELECT ci.collection_id, ?, (SELECT max(c2.position) + 1 FROM collection_items c2 WHERE c2.collection_id = ci.collection_id),
                       ci.added_at
                FROM collection_items ci WHERE ci.item_id = ? AND ci.collection_id NOT IN (SELECT collection_id FROM collection_items WHERE item_id = ?)""",
                kept, gone, kept);
    }

    /** The item a file belongs to, if any. */
    @Transactional(readOnly = true)
    public java.util.Optional<Long> itemOfFile(long fileId) {
        return jdbc.query("SELECT item_id FROM files WHERE id = ?", (rows, n) -> rows.getObject(1, Long.class), fileId).stream()
                .filter(java.util.Objects::nonNull).findFirst();
    }

    /** The item with its files (metadata, capture-date candidates) and collections, for its page. */
    @Transactional(readOnly = true)
    public ItemSchemas.Detail detail(long id) {
        return details.read(id);
    }

    @Transactional(readOnly = true)
    public Item get(long id) {
        return items.findById(id).orElseThrow(() -> new NotFoundException("item", id));
    }

    @Transactional
    public void delete(long id) {
        items.delete(get(id));
    }

    /**
     * The item, locked against concurrent rating updates until the transaction ends (a row lock
     * on PostgreSQL; SQLite's writers are serialised already).
     */
    @Transactional
    public Item lockForRatingUpdate(long id) {
        Item item = entityManager.find(Item.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (item == null) {
            throw new NotFoundException("item", id);
        }
        return item;
    }

    /** The tag of that name in any letter case, created (with the category) when there is none. */
    @Transactional
    public Tag findOrCreateTag(String name, String category) {
        String trimmed = name.strip();
        return tags.findByNameIgnoringCase(trimmed).orElseGet(() -> {
            Tag tag = new Tag(trimmed);
            tag.setCategory(category);
            return tags.save(tag);
        });
    }
}
