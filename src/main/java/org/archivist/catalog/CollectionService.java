package org.archivist.catalog;

import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import org.archivist.db.NotFoundException;
import org.archivist.validation.RequestValidator;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Collections: ordered, named sets of items. Positions stay dense (0, 1, 2...) and stable: adding
 * appends or inserts, removing and moving shift only what lies between. Every change locks the
 * collection first, so two people reordering it at once leave it consistent.
 */
@Service
public class CollectionService {

    private final ItemCollectionRepository collections;
    private final RequestValidator validator;

    @PersistenceContext
    private EntityManager entities;

    CollectionService(ItemCollectionRepository collections, RequestValidator validator) {
        this.collections = collections;
        this.validator = validator;
    }

    @Transactional(readOnly = true)
    public List<CollectionSchemas.Response> list() {
        return collections.findAll(Sort.by("name")).stream().map(CollectionSchemas.Response::of).toList();
    }

    @Transactional(readOnly = true)
    public CollectionSchemas.Response get(long id) {
        return CollectionSchemas.Response.of(find(id));
    }

    @Transactional
    public CollectionSchemas.Response create(CollectionSchemas.Create request) {
        validator.validate(request);
        requireFreeName(request.name(), null);
        ItemCollection collection = new ItemCollection(request.name().strip());
        collection.setDescription(request.description());
        return CollectionSchemas.Response.of(collections.save(collection));
    }

    @Transactional
    public CollectionSchemas.Response update(long id, CollectionSchemas.Update request) {
        validator.validate(request);
        ItemCollection collection = locked(id);
        if (request.name() != null) {
            requireFreeName(request.name(), id);
            collection.setName(request.name().strip());
        }
        if (request.description() != null) collection.setDescription(request.description());
        return CollectionSchemas.Response.of(collection);
    }

    /** Deletes the collection, never its items. */
    @Transactional
    public void delete(long id) {
        collections.delete(locked(id));
    }

    /** Puts the item at {@code position} (0 first; absent: at the end); an item already there is moved. */
    @Transactional
    public CollectionSchemas.Response place(long id, CurationSchemas.Placement request) {
        validator.validate(request);
        ItemCollection collection = locked(id);
        Item item = entities.find(Item.class, request.itemId());
        if (item == null) throw new NotFoundException("item", request.itemId());
        collection.add(item);
        if (request.position() != null) collection.move(item, request.position());
        return CollectionSchemas.Response.of(collection);
    }

    @Transactional
    public CollectionSchemas.Response move(long id, long itemId, CurationSchemas.Move request) {
        validator.validate(request);
        ItemCollection collection = locked(id);
        collection.move(member(collection, itemId), request.position());
        return CollectionSchemas.Response.of(collection);
    }

    @Transactional
    public CollectionSchemas.Response remove(long id, long itemId) {
        ItemCollection collection = locked(id);
        collection.remove(member(collection, itemId));
        return CollectionSchemas.Response.of(collection);
    }

    /** Appends the items, in their order, after the last one; items already in keep their place. */
    @Transactional
    public void append(long id, List<Long> itemIds) {
        ItemCollection collection = locked(id);
        for (Long itemId : itemIds) collection.add(entities.getReference(Item.class, itemId));
    }

    /** Takes the items out (those not in are ignored); the others close ranks. */
    @Transactional
    public void removeAll(long id, List<Long> itemIds) {
        ItemCollection collection = locked(id);
        java.util.Set<Long> gone = java.util.Set.copyOf(itemIds);
        collection.getEntries().stream().map(CollectionEntry::getItem).filter(i -> gone.contains(i.getId())).toList()
                .forEach(collection::remove);
    }

    private static Item member(ItemCollection collection, long itemId) {
        return collection.getEntries().stream().map(CollectionEntry::getItem).filter(i -> i.getId() == itemId).findFirst()
                .orElseThrow(() -> new NotFoundException("item " + itemId + " is not in collection " + collection.getId()));
    }

    private ItemCollection find(long id) {
        return collections.findById(id).orElseThrow(() -> new NotFoundException("collection", id));
    }

    private ItemCollection locked(long id) {
        ItemCollection collection = entities.find(ItemCollection.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (collection == null) throw new NotFoundException("collection", id);
        return collection;
    }

    private void requireFreeName(String name, Long except) {
        collections.findByName(name.strip()).filter(c -> !c.getId().equals(except)).ifPresent(c -> {
            throw new IllegalArgumentException("name: a collection named \"" + c.getName() + "\" already exists");
        });
    }
}
