package org.archivist.metadata;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.archivist.catalog.PersonRole;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Title, authors, language, dates, subjects and ISBN of an EPUB, from its package document (OPF).
 * Reads at most 4 MiB of XML per entry and refuses DTDs, so a hostile book cannot exhaust memory.
 */
final class EpubReader {

    private static final String DC = "http://purl.org/dc/elements/1.1/";
    private static final int MAX_XML = 4 * 1024 * 1024;

    private EpubReader() {
    }

    static void read(File file, ExtractedFacts facts) throws IOException {
        try (ZipFile zip = new ZipFile(file)) {
            Document container = parse(zip, "META-INF/container.xml");
            NodeList roots = container.getElementsByTagNameNS("*", "rootfile");
            if (roots.getLength() == 0) throw new IOException("EPUB without a rootfile in META-INF/container.xml");
            String opfPath = ((Element) roots.item(0)).getAttribute("full-path");
            Document opf = parse(zip, opfPath);
            var m = facts.metadata;
            String title = firstText(opf, "title");
            m.setTitle(title);
            if (title != null) facts.title = title;
            NodeList creators = opf.getElementsByTagNameNS(DC, "creator");
            for (int i = 0; i < creators.getLength(); i++) {
                Element creator = (Element) creators.item(i);
                facts.credit(creator.getTextContent(), role(opf, creator, PersonRole.AUTHOR));
            }
            NodeList contributors = opf.getElementsByTagNameNS(DC, "contributor");
            for (int i = 0; i < contributors.getLength(); i++) {
                Element contributor = (Element) contributors.item(i);
                facts.credit(contributor.getTextContent(), role(opf, contributor, PersonRole.OTHER));
            }
            if (!facts.people.isEmpty()) m.setArtist(facts.people.get(0).name());
            m.setLanguage(firstText(opf, "language"));
            NodeList subjects = opf.getElementsByTagNameNS(DC, "subject");
            for (int i = 0; i < subjects.getLength(); i++) {
                facts.genre(subjects.item(i).getTextContent());
            }
            // The subjects also as the file's genre, as a song's genre tag is: what analysis reads them from later.
            // Whole subjects only, as many as fit the field's 200 characters: never a cut-off one.
            StringBuilder subjectList = new StringBuilder();
            for (String subject : facts.genres) {
                int length = subjectList.length() + (subjectList.isEmpty() ? 0 : 2) + subject.length();
                if (length > 200) continue;
                if (!subjectList.isEmpty()) subjectList.append("; ");
                subjectList.append(subject);
            }
            if (!subjectList.isEmpty()) m.setGenre(subjectList.toString());
            NodeList identifiers = opf.getElementsByTagNameNS(DC, "identifier");
            for (int i = 0; i < identifiers.getLength(); i++) {
                facts.isbnFrom(identifiers.item(i).getTextContent().replaceFirst("(?i)^urn:isbn:", ""));
            }
            NodeList dates = opf.getElementsByTagNameNS(DC, "date");
            for (int i = 0; i < dates.getLength(); i++) {
                Element date = (Element) dates.item(i);
                String event = date.getAttributeNS("*", "event");
                if (event.isEmpty()) event = date.getAttribute("opf:event");
                String tag = "EPUB:date" + (event.isEmpty() ? "" : "(" + event + ")");
                boolean modification = event.equalsIgnoreCase("modification");
                facts.dates.addText(modification ? DateOrigin.EMBEDDED_MODIFIED : DateOrigin.CONTAINER, tag, date.getTextContent(), false);
                if (!modification && facts.publicationDate == null) facts.publicationDate = publication(date.getTextContent());
            }
            String publisher = firstText(opf, "publisher");
            if (publisher != null) {
                facts.extra.put("publisher", publisher);
                facts.studio = publisher;
            }
            facts.details = plainText(firstText(opf, "description"));
            facts.anyMetadata = true;
        }
    }

    /**
     * A creator's or contributor's role: EPUB 2's {@code opf:role}, or EPUB 3's {@code <meta refines="#id" property="role">},
     * as a MARC relator code; authors (aut) are authors, illustrators and artists artists, the rest (editors,
     * translators...) other; without a role, a creator is an author and a contributor other.
     */
    private static PersonRole role(Document opf, Element creator, PersonRole withoutRole) {
        String code = creator.getAttributeNS("http://www.idpf.org/2007/opf", "role");
        if (code.isEmpty()) code = creator.getAttribute("opf:role");
        String id = creator.getAttribute("id");
        if (code.isEmpty() && !id.isEmpty()) {
            NodeList metas = opf.getElementsByTagNameNS("*", "meta");
            for (int i = 0; i < metas.getLength(); i++) {
                Element meta = (Element) metas.item(i);
                if (("#" + id).equals(meta.getAttribute("refines")) && "role".equals(meta.getAttribute("property"))) code = meta.getTextContent();
            }
        }
        return switch (code.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "" -> withoutRole;
            case "aut" -> PersonRole.AUTHOR;
            case "ill", "art", "pht" -> PersonRole.ARTIST;
            default -> PersonRole.OTHER;
        };
    }

    /**
     * A description as plain text: publishers often put escaped HTML in {@code dc:description}; its tags are
     * dropped (block ends become line breaks) and the few entities left after XML parsing decoded.
     */
    static String plainText(String description) {
        if (description == null) return null;
        String text = description.replaceAll("(?i)<br\\s*/?>|</p\\s*>|</div\\s*>|</li\\s*>", "\n")
                .replaceAll("<[^>]*>", "")
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
                .replaceAll("[ \\t]+", " ").replaceAll(" *\n[ \n]*", "\n\n").strip();
        return text.isEmpty() ? null : text;
    }

    private static LocalDate publication(String text) {
        String t = text == null ? "" : text.strip();
        try {
            if (t.matches("\\d{4}")) return LocalDate.of(Integer.parseInt(t), 1, 1);
            if (t.matches("\\d{4}-\\d{2}")) return LocalDate.parse(t + "-01");
            if (t.length() >= 10 && t.substring(0, 10).matches("\\d{4}-\\d{2}-\\d{2}")) return LocalDate.parse(t.substring(0, 10));
        } catch (java.time.DateTimeException e) {
            return null;
        }
        return null;
    }

    private static String firstText(Document document, String dcName) {
        NodeList nodes = document.getElementsByTagNameNS(DC, dcName);
        return nodes.getLength() == 0 ? null : Text.clean(nodes.item(0).getTextContent());
    }

    private static Document parse(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) throw new IOException("EPUB entry missing: " + name);
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readNBytes(MAX_XML + 1);
        }
        if (bytes.length > MAX_XML) throw new IOException("EPUB entry " + name + " is larger than 4 MiB");
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(bytes));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("EPUB entry " + name + " is not well-formed XML: " + e.getMessage(), e);
        }
    }
}
