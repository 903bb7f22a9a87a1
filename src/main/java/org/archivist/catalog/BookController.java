package org.archivist.catalog;

import java.net.URI;

import org.archivist.access.Callers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Books over HTTP: an admin adds one without a file and links a file to it later; anyone finds a
 * book they may see by its ISBN-10 or ISBN-13 (another library's book is "not found").
 */
@RestController
class BookController {

    private final BookService books;
    private final ItemService items;
    private final CatalogAccess access;
    private final Callers callers;

    BookController(BookService books, ItemService items, CatalogAccess access, Callers callers) {
        this.books = books;
        this.items = items;
        this.access = access;
        this.callers = callers;
    }

    @PostMapping("/api/books")
    ResponseEntity<ItemSchemas.Detail> add(@RequestBody BookService.NewBook book) {
        long id = books.add(book);
        return ResponseEntity.created(URI.create("/api/items/" + id)).body(items.detail(id));
    }

    @GetMapping("/api/books")
    ItemSchemas.Detail byIsbn(@RequestParam String isbn) {
        long id = books.find(isbn).orElseThrow(() -> new org.archivist.db.NotFoundException("book with ISBN", isbn));
        access.item(id, callers.current());
        return access.shown(items.detail(id), callers.current());
    }

    @PostMapping("/api/books/{id}/files/{fileId}")
    ItemSchemas.Detail link(@PathVariable long id, @PathVariable long fileId) {
        books.link(id, fileId);
        return items.detail(id);
    }
}
