package org.archivist.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.archivist.catalog.BookService;
import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.testing.Corpus;
import org.archivist.testing.EngineTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * E-books become items of kind {@code book} with the fields their files hold: the corpus EPUBs (values read from
 * their package documents by hand) and PDFs (against ExifTool's reference), plus generated ones for what the corpus
 * lacks: a PDF whose XMP carries an ISBN, an EPUB with a publisher, an HTML description, subjects and roles.
 */
class BookScanTest extends EngineTest {

    private static final List<String> ISBNS = List.of("9780123456786", "9780596007591", "9780804429573", "9781861972712", "9780306406157");

    @TempDir
    Path temp;

    record Book(String kind, String title, String date, String isbn, String studio, String details, String language,
                Map<String, String> people, Set<String> genres) {
    }

    @Test
    void theCorpusBooksAndGeneratedOnesCarryTheirFields() throws Exception {
        Path root = Files.createDirectories(temp.resolve("books"));
        try (var documents = Files.list(Corpus.media().resolve("documents"))) {
            for (Path file : documents.filter(p -> p.toString().matches(".*\\.(epub|pdf)$")).toList()) Files.copy(file, root.resolve(file.getFileName()));
        }
        pdfWithXmpIsbn(root.resolve("xmp-isbn.pdf"));
        pdfWithKeywordIsbn(root.resolve("keyword-isbn.pdf"));
        epub(root.resolve("generated.epub"));
        // The shared test database may hold these books from another test's scan of the corpus: an ISBN belongs to one item.
        for (String isbn : ISBNS) jdbc().update("UPDATE items SET isbn = NULL WHERE isbn = ?", isbn);
        Library library = bean(LibraryService.class).add(unique("books"), root, Set.of(), List.of());

        ScanReport report = bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE);
        assertThat(report.errors()).isZero();
        Map<String, Book> books = books(library.getId());

        assertThat(books.get("alice.epub")).isEqualTo(new Book("book", "Alice's Adventures in Wonderland", null, null, null, null, "en-US",
                Map.of("Lewis Carroll", "author", "Gordon Robinson", "other"), Set.of("Fantasy")));
        assertThat(books.get("alice_without_cover.epub")).isEqualTo(new Book("book", "Alice's Adventures in Wonderland", null, null, null, null,
                "en-US", Map.of("Lewis Carroll", "author"), Set.of("Fantasy")));
        assertThat(books.get("epubReadingSystem.epub")).as("urn:isbn:0123456789, an ISBN-10 stored as ISBN-13")
                .isEqualTo(new Book("book", "navigator.epubReadingSystem", "2014-10-13", "9780123456786", "Readium Foundation", null, "en",
                        Map.of("Readium", "author"), Set.of()));
        assertThat(books.get("internal_link.epub")).isEqualTo(new Book("book", "Internal Link", "2012-09-20", null, "Voyager Japan", null, "en",
                Map.of("Toshiaki Koike", "author"), Set.of()));
        assertThat(books.get("producing-oss.epub")).as("urn:isbn:ISBN: 0-596-00759-0; a year alone is January 1")
                .isEqualTo(new Book("book", "Producing Open Source Software", "2010-01-01", "9780596007591", null, null, "en",
                        Map.of("Karl Fogel", "author"), Set.of()));

        Map<String, JsonNode> reference = Corpus.exiftool();
        int pdfs = 0;
        for (var entry : reference.entrySet()) {
            if (!entry.getKey().startsWith("media/documents/") || !entry.getKey().endsWith(".pdf")) continue;
            Book book = books.get(entry.getKey().substring("media/documents/".length()));
            String title = entry.getValue().path("PDF:Title").asString("").strip();
            String author = entry.getValue().path("PDF:Author").asString("").strip();
            assertThat(book.kind()).as(entry.getKey() + " has no ISBN: a document").isEqualTo("document");
            if (!title.isEmpty()) assertThat(book.title()).as(entry.getKey()).isEqualTo(title);
            assertThat(book.people()).as(entry.getKey()).isEqualTo(author.isEmpty() ? Map.of() : Map.of(author, "author"));
            pdfs++;
        }
        assertThat(pdfs).isEqualTo(13);

        assertThat(books.get("xmp-isbn.pdf")).as("prism:isbn in the XMP packet")
                .isEqualTo(new Book("book", "A Book Made as PDF", null, "9781861972712", null, null, null, Map.of("Ann Author", "author"), Set.of()));
        assertThat(books.get("keyword-isbn.pdf").isbn()).as("ISBN 0-306-40615-2 in the keywords").isEqualTo("9780306406157");
        assertThat(books.get("keyword-isbn.pdf").kind()).isEqualTo("book");
        assertThat(books.get("generated.epub")).as("a bad check digit is passed over for the next identifier; HTML dropped from the description")
                .isEqualTo(new Book("book", "Générée & <Escaped>", "1999-05-01", "9780804429573", "Éditions du Test", "First paragraph & more.\n\nSecond line",
                        "fr", Map.of("Jeanne Autrice", "author", "Paul Illustrateur", "artist", "Tom Translator", "other"), Set.of("Roman", "Aventure")));

        BookService bookService = bean(BookService.class);
        long generated = jdbc().queryForObject("SELECT item_id FROM files WHERE library_id = ? AND path = 'generated.epub'", Long.class, library.getId());
        assertThat(bookService.find("0-8044-2957-X")).as("found by its ISBN-10").contains(generated);
        assertThat(bookService.find("978 0 8044 2957 3")).as("and by its ISBN-13 with spaces").contains(generated);
        assertThat(jdbc().queryForObject("SELECT count(*) FROM studios WHERE lower(name) = lower('Éditions du Test')", Integer.class))
                .as("one studio per publisher").isEqualTo(1);
    }

    private Map<String, Book> books(long libraryId) {
        Map<String, Book> books = new TreeMap<>();
        jdbc().query("""
                SELECT f.path, i.id, i.kind, i.title, i.item_date, i.isbn, s.name AS studio, i.details, m.language
                FROM files f JOIN items i ON i.id = f.item_id LEFT JOIN studios s ON s.id = i.studio_id LEFT JOIN file_metadata m ON m.file_id = f.id
                WHERE f.library_id = ?""", rows -> {
            long item = rows.getLong("id");
            Map<String, String> people = new TreeMap<>();
            jdbc().query("SELECT p.name, ip.role FROM item_people ip JOIN people p ON p.id = ip.person_id WHERE ip.item_id = ?",
                    r -> { people.put(r.getString("name"), r.getString("role")); }, item);
            Set<String> genres = new java.util.TreeSet<>(jdbc().queryForList(
                    "SELECT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ? AND t.category = 'genre'", String.class, item));
            Object date = rows.getObject("item_date");
            books.put(rows.getString("path"), new Book(rows.getString("kind"), rows.getString("title"), date == null ? null : date.toString().substring(0, 10),
                    rows.getString("isbn"), rows.getString("studio"), rows.getString("details"), rows.getString("language"), people, genres));
        }, libraryId);
        return books;
    }

    private static void pdfWithXmpIsbn(Path file) throws IOException {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("A Book Made as PDF");
            info.setAuthor("Ann Author");
            PDMetadata xmp = new PDMetadata(document);
            xmp.importXMPMetadata("""
                    <?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
                    <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                    <rdf:Description rdf:about="" xmlns:prism="http://prismstandard.org/namespaces/basic/2.0/">
                    <prism:pageCount>312</prism:pageCount><prism:isbn>978-1-86197-271-2</prism:isbn>
                    </rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>""".getBytes(StandardCharsets.UTF_8));
            document.getDocumentCatalog().setMetadata(xmp);
            document.save(file.toFile());
        }
    }

    private static void pdfWithKeywordIsbn(Path file) throws IOException {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            document.getDocumentInformation().setKeywords("science; ISBN 0-306-40615-2");
            document.save(file.toFile());
        }
    }

    private static void epub(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, "mimetype", "application/epub+zip");
            put(zip, "META-INF/container.xml", """
                    <?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
                    <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>""");
            put(zip, "OEBPS/content.opf", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
                    <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
                    <dc:title>Générée &amp; &lt;Escaped&gt;</dc:title>
                    <dc:creator id="a1">Jeanne Autrice</dc:creator>
                    <dc:creator id="a2">Paul Illustrateur</dc:creator><meta refines="#a2" property="role" scheme="marc:relators">ill</meta>
                    <dc:contributor opf:role="trl">Tom Translator</dc:contributor>
                    <dc:identifier>urn:isbn:0-596-00759-1</dc:identifier>
                    <dc:identifier id="id">urn:isbn:0-8044-2957-X</dc:identifier>
                    <dc:publisher>Éditions du Test</dc:publisher>
                    <dc:date>1999-05-01</dc:date>
                    <dc:language>fr</dc:language>
                    <dc:subject>Roman</dc:subject><dc:subject>Aventure</dc:subject>
                    <dc:description>&lt;p&gt;First &lt;b&gt;paragraph&lt;/b&gt; &amp;amp; more.&lt;/p&gt;&lt;p&gt;Second   line&lt;/p&gt;</dc:description>
                    </metadata><manifest/><spine/></package>""");
        }
    }

    private static void put(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
