package org.archivist.metadata;

import java.io.File;
import java.io.IOException;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.archivist.catalog.PersonRole;

/** Title, authors, language, page count, dates and ISBN of a PDF, through PDFBox (streams spill to temp files, not memory). */
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
            facts.isbnFrom(info.getSubject());
            facts.isbnFrom(info.getKeywords());
            facts.isbnFrom(title);
            putIfPresent(facts, "producer", info.getProducer());
            putIfPresent(facts, "creatorTool", info.getCreator());
            putIfPresent(facts, "subject", info.getSubject());
            if (document.isEncrypted()) facts.extra.put("encrypted", true);
            facts.anyMetadata = true;
        }
    }

    private static void putIfPresent(ExtractedFacts facts, String key, String value) {
        String clean = Text.clean(value);
        if (clean != null) facts.extra.put(key, clean);
    }
}
