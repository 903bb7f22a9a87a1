package org.archivist.catalog;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Collections over HTTP: ordered sets of items with dense, stable positions. */
@RestController
@RequestMapping("/api/collections")
class CollectionController {

    private final CollectionService collections;

    private final CatalogAccess access;
    private final org.archivist.access.Callers callers;

    CollectionController(CollectionService collections, CatalogAccess access, org.archivist.access.Callers callers) {
        this.collections = collections;
        this.access = access;
        this.callers = callers;
    }

    @GetMapping
    List<CollectionSchemas.Response> list() {
        org.archivist.access.Caller caller = callers.current();
        return collections.list().stream().map(c -> access.shown(c, caller)).toList();
    }

    @GetMapping("/{id}")
    CollectionSchemas.Response get(@PathVariable long id) {
        return access.shown(collections.get(id), callers.current());
    }

    @PostMapping
    ResponseEntity<CollectionSchemas.Response> create(@RequestBody CollectionSchemas.Create request) {
        CollectionSchemas.Response created = collections.create(request);
        return ResponseEntity.created(URI.create("/api/collections/" + created.id())).body(created);
    }

    @PatchMapping("/{id}")
    CollectionSchemas.Response change(@PathVariable long id, @RequestBody CollectionSchemas.Update request) {
        return access.shown(collections.update(id, request), callers.current());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        collections.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** Adds an item at a position (absent: at the end), or moves it there if it is in already. */
    @PostMapping("/{id}/items")
    CollectionSchemas.Response place(@PathVariable long id, @RequestBody CurationSchemas.Placement request) {
        access.item(request.itemId(), callers.current());
        return access.shown(collections.place(id, request), callers.current());
    }

    @PutMapping("/{id}/items/{itemId}/position")
    CollectionSchemas.Response move(@PathVariable long id, @PathVariable long itemId, @RequestBody CurationSchemas.Move request) {
        access.item(itemId, callers.current());
        return access.shown(collections.move(id, itemId, request), callers.current());
    }

    @DeleteMapping("/{id}/items/{itemId}")
    CollectionSchemas.Response remove(@PathVariable long id, @PathVariable long itemId) {
        access.item(itemId, callers.current());
        return access.shown(collections.remove(id, itemId), callers.current());
    }
}
