package org.archivist.catalog;

import java.util.Map;
import java.util.Set;

import org.archivist.access.Callers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An item's field locks: a field a person edited is locked, and analysis plans leave it alone. A
 * lock can be lifted (or set by hand, to keep plans away from a field) by anyone who has the item.
 */
@RestController
class FieldLockController {

    private final ItemFields fields;
    private final CatalogAccess access;
    private final Callers callers;

    FieldLockController(ItemFields fields, CatalogAccess access, Callers callers) {
        this.fields = fields;
        this.access = access;
        this.callers = callers;
    }

    @GetMapping("/api/items/{id}/locks")
    Map<String, Set<String>> locks(@PathVariable long id) {
        access.item(id, callers.current());
        return Map.of("locked", fields.locks(id));
    }

    @PutMapping("/api/items/{id}/locks/{field}")
    ResponseEntity<Void> lock(@PathVariable long id, @PathVariable String field) {
        access.item(id, callers.current());
        fields.lock(id, field);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/api/items/{id}/locks/{field}")
    ResponseEntity<Void> unlock(@PathVariable long id, @PathVariable String field) {
        access.item(id, callers.current());
        fields.unlock(id, field);
        return ResponseEntity.noContent().build();
    }
}
