package org.archivist.catalog;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Libraries over HTTP: the same service, and so the same refusals, as {@code archivist library}. */
@RestController
@RequestMapping("/api/libraries")
class LibraryController {

    private final LibraryService libraries;

    private final org.archivist.access.Callers callers;

    LibraryController(LibraryService libraries, org.archivist.access.Callers callers) {
        this.callers = callers;
        this.libraries = libraries;
    }

    @GetMapping
    List<LibrarySchemas.Response> list() {
        return libraries.visibleTo(callers.current()).stream().map(this::response).toList();
    }

    @GetMapping("/{id}")
    LibrarySchemas.Response get(@PathVariable long id) {
        callers.current().require("library", id, id);
        return response(libraries.get(id));
    }

    /** The root is checked on the server: it exists, is a readable folder, and is neither in nor around another library. */
    @PostMapping
    ResponseEntity<LibrarySchemas.Response> add(@RequestBody LibrarySchemas.Create request) {
        Library added = libraries.add(request);
        return ResponseEntity.created(URI.create("/api/libraries/" + added.getId())).body(response(added));
    }

    @PatchMapping("/{id}")
    LibrarySchemas.Response change(@PathVariable long id, @RequestBody LibrarySchemas.Update request) {
        return response(libraries.update(id, request));
    }

    /** Removes the library from the catalogue; its files on disk are never touched. */
    @DeleteMapping("/{id}")
    Map<String, Integer> remove(@PathVariable long id) {
        return Map.of("filesRemoved", libraries.remove(id));
    }

    private LibrarySchemas.Response response(Library library) {
        return LibrarySchemas.Response.of(library, libraries.presentFiles(library.getId()));
    }
}
