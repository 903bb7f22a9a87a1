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

    CollectionController(CollectionService collections) {
        this.collections = collections;
    }

    @GetMapping
    List<CollectionSchemas.Response> list() {
        return collections.list();
    }

    @GetMapping("/{id}")
    CollectionSchemas.Response get(@PathVariable long id) {
        return collections.get(id);
    }

    @PostMapping
    ResponseEntity<CollectionSchemas.Response> create(@RequestBody CollectionSchemas.Create request) {
        CollectionSchemas.Response created = collections.create(request);
        return ResponseEntity.created(URI.create("/api/collections/" + created.id())).body(created);
    }

    @PatchMapping("/{id}")
    CollectionSchemas.Response change(@PathVariable long id, @RequestBody CollectionSchemas.Update request) {
        return collections.update(id, request);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        collections.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** Adds an item at a position (absent: at the end), or moves it there if it is in already. */
    @PostMapping("/{id}/items")
    CollectionSchemas.Response place(@PathVariable long id, @RequestBody CurationSchemas.Placement request) {
        return collections.place(id, request);
    }

    @PutMapping("/{id}/items/{itemId}/position")
    CollectionSchemas.Response move(@PathVariable long id, @PathVariable long itemId, @RequestBody CurationSchemas.Move request) {
        return collections.move(id, itemId, request);
    }

    @DeleteMapping("/{id}/items/{itemId}")
    CollectionSchemas.Response remove(@PathVariable long id, @PathVariable long itemId) {
        return collections.remove(id, itemId);
    }
}
