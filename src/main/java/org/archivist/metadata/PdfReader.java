package org.archivist.metadata;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.archivist.catalog.PersonRole;

/**
 * Title, authors, language, page count, dates and ISBN (from the document information or the XMP packet) of a PDF,
 * through PDFBox (streams spill to temp files, not memory). A PDF with an ISBN becomes a book.
 */
final class PdfReader {

    private PdfReader() {
    }

    static void read(File file, ExtractedFacts facts) throws IOException {
        try (PDDocument document = Loader.loadPDF(new RandomAccessReadBufferedFile(file), "", null, null,
                IOUtils.createTempFileOnlyStreamCache())) {
            var m = facts.metadata;
            m.setPageCount(document.getNumberOfPages());
            m.setLanguage(Text.clean(document.getDocumentCatalog().getLanguage()));
            PDDocumentInformation info = document.getDocumentInformation();
            String title = Text.clean(info.getTitle());
            m.setTitle(title);
            if (title != null) facts.title = title;
            facts.credit(info.getAuthor(), PersonRole.AUTHOR);
            if (info.getAuthor() != null) m.setArtist(Text.clean(info.getAuthor()));
            facts.dates.addPdfDate(DateOrigin.CONTAINER, "PDF:CreateDate", info.getCOSObject().getString(COSName.CREATION_DATE));
            facts.dates.addPdfDate(DateOrigin.EMBEDDED_MODIFIED, "PDF:ModifyDate", info.getCOSObject().getString(COSName.MOD_DATE));
            facts.announcedIsbnFrom(info.getSubject());
            facts.announcedIsbnFrom(info.getKeywords());
            facts.announcedIsbnFrom(title);
            facts.isbnFrom(isbnInXmp(document));
            putIfPresent(facts, "producer", info.getProducer());
            putIfPresent(facts, "creatorTool", info.getCreator());
            putIfPresent(facts, "subject", info.getSubject());
            if (document.isEncrypted()) facts.extra.put("encrypted", true);
            facts.anyMetadata = true;
        }
    }

    /** At most this much of a PDF's XMP packet is read: a hostile one cannot take the heap. */
    private static final int MAX_XMP = 1024 * 1024;
    private static final Pattern XMP_ISBN = Pattern.compile("(?i)isbn[^0-9<]{0,20}([0-9][0-9Xx -]{8,16}[0-9Xx])");

    /**
     * The ISBN an e-book's XMP carries ({@code prism:isbn}, {@code pdfx:ISBN}, {@code dc:identifier urn:isbn:...}):
     * only digits announced as an ISBN, so a page count or a phone number is never taken for one.
     */
    private static String isbnInXmp(PDDocument document) {
        try {
            PDMetadata xmp = document.getDocumentCatalog().getMetadata();
            if (xmp == null) return null;
            try (InputStream in = xmp.exportXMPMetadata()) {
                String packet = new String(in.readNBytes(MAX_XMP), StandardCharsets.UTF_8);
                Matcher m = XMP_ISBN.matcher(packet);
                return m.find() ? m.group(1) : null;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void putIfPresent(ExtractedFacts facts, String key, String value) {
        String clean = Text.clean(value);
        if (clean != null) facts.extra.put(key, clean);
    }
}
