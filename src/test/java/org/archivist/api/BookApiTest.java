package org.archivist.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.scan.ScanProgress;
import org.archivist.scan.ScanService;
import org.archivist.testing.ApiTest;
import org.archivist.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Books: a corpus EPUB catalogued as a book with what its package says; a book added without a file, found by any ISBN, linked to a file. */
class BookApiTest extends ApiTest {

    @TempDir
    Path temp;

    @Test
    void booksFromFilesAndWithoutThemFoundByIsbn() throws Exception {
        Path root = Files.createDirectories(temp.resolve("books"));
        Files.copy(Corpus.media().resolve("documents/alice.epub"), root.resolve("alice.epub"));
        Library library = bean(LibraryService.class).add(unique("books"), root, Set.of(), List.of());
        bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE);
        long fileId = jdbc().queryForObject("SELECT id FROM files WHERE library_id = ?", Long.class, library.getId());
        long fromFile = jdbc().queryForObject("SELECT item_id FROM files WHERE id = ?", Long.class, fileId);
        JsonNode alice = get("/api/items/" + fromFile).json();
        assertThat(alice.get("item").get("kind").asString()).isEqualTo("book");
        assertThat(alice.get("item").get("title").asString()).containsIgnoringCase("Alice");
        assertThat(alice.get("item").get("people").valueStream().map(p -> p.get("name").asString() + " (" + p.get("role").asString() + ")"))
                .anyMatch(credit -> credit.contains("Carroll") && credit.endsWith("(author)"));

        // Without a file: ISBN-10 in, ISBN-13 stored; found by either spelling; a bad check digit is refused.
        Answer added = post("/api/books", "{\"title\": \"The Mythical Man-Month\", \"authors\": [\"Frederick P. Brooks\"], "
                + "\"isbn\": \"0-201-00650-2\", \"publisher\": \"Addison-Wesley\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        long book = added.json().get("item").get("id").asLong();
        assertThat(added.json().get("item").get("isbn").asString()).isEqualTo("9780201006506");
        assertThat(added.json().get("item").get("studio").get("name").asString()).isEqualTo("Addison-Wesley");
        for (String isbn : List.of("0201006502", "978-0-201-00650-6", "978 0201006506")) {
            assertThat(get("/api/books?isbn=" + isbn.replace(" ", "%20")).json().get("item").get("id").asLong()).as(isbn).isEqualTo(book);
        }
        for (String bad : List.of("0201006503", "97802010065", "978020100650X", "not-an-isbn")) {
            Answer refused = get("/api/books?isbn=" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.detail()).contains("ISBN");
        }
        assertThat(post("/api/books", "{\"title\": \"Bad\", \"isbn\": \"0201006503\"}").status()).isEqualTo(400);
        assertThat(post("/api/books", "{\"title\": \"Twice\", \"isbn\": \"9780201006506\"}").detail()).contains("already the book");

        // Linked to a file later: the file's own item merges into the book.
        assertThat(post("/api/books/" + book + "/files/" + fileId).status()).isEqualTo(200);
        assertThat(jdbc().queryForObject("SELECT item_id FROM files WHERE id = ?", Long.class, fileId)).isEqualTo(book);
        assertThat(get("/api/items/" + fromFile).status()).as("the file's old item is gone").isEqualTo(404);
    }
}
