package org.archivist.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.archivist.db.NotFoundException;
import org.archivist.validation.RequestValidator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Books as items of kind {@code book}: added without a file (title, authors, ISBN, publisher as the
 * studio), found by ISBN-10 or ISBN-13 in any spelling (stored as ISBN-13), and linked to a file
 * later (the file's own item, with what a person gave it, merges into the book).
 */
@Service
public class BookService {

    /** A book as a person enters it; the ISBN may be ISBN-10 or 13, with hyphens or spaces. */
    public record NewBook(@NotBlank @Size(max = 500) String title, List<@NotBlank @Size(max = 300) String> authors,
                          @ValidIsbn String isbn, @Size(max = 300) String publisher, LocalDate published, @Size(max = 20_000) String details) {
    }

    private final ItemService items;
    private final PeopleService people;
    private final RequestValidator validator;
    private final JdbcTemplate jdbc;

    BookService(ItemService items, PeopleService people, RequestValidator validator, JdbcTemplate jdbc) {
        this.items = items;
        this.people = people;
        this.validator = validator;
        this.jdbc = jdbc;
    }

    @Transactional
    public long add(NewBook book) {
        validator.validate(book);
        String isbn = book.isbn() == null || book.isbn().isBlank() ? null : Isbn.toIsbn13(book.isbn());
        if (isbn != null && find(isbn).isPresent()) throw new IllegalArgumentException("isbn: " + isbn + " is already the book " + find(isbn).get());
        Item item = items.create(new ItemSchemas.Create(ItemKind.BOOK, book.title(), book.details(), book.published(), isbn, null, null, List.of()));
        if (book.authors() != null) for (String author : book.authors()) item.addPerson(people.personNamed(author), PersonRole.AUTHOR);
        if (book.publisher() != null && !book.publisher().isBlank()) item.setStudio(people.studioNamed(book.publisher()));
        return item.getId();
    }

    /** The book with this ISBN (ISBN-10 or 13, any spelling); a malformed ISBN is refused, naming why. */
    @Transactional(readOnly = true)
    public Optional<Long> find(String isbn) {
        String isbn13 = Isbn.toIsbn13(isbn);
        return jdbc.queryForList("SELECT id FROM items WHERE isbn = ?", Long.class, isbn13).stream().findFirst();
    }

    /** The file becomes the book's: its item (and what a person gave it) merges into the book, which keeps its own fields. */
    @Transactional
    public void link(long bookId, long fileId) {
        Item book = items.get(bookId);
        if (book.getKind() != ItemKind.BOOK) throw new IllegalArgumentException("book: item " + bookId + " is a " + book.getKind().value() + ", not a book");
        long from = items.itemOfFile(fileId).orElseThrow(() -> new NotFoundException("file", fileId));
        if (from == bookId) return;
        items.mergeInto(bookId, from);
        jdbc.update("UPDATE files SET item_id = ? WHERE id = ?", bookId, fileId);
        if (jdbc.queryForObject("SELECT count(*) FROM files WHERE item_id = ?", Integer.class, from) == 0) items.delete(from);
    }
}
