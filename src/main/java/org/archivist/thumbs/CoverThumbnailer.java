package org.archivist.thumbs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.archivist.catalog.MediaType;
import org.archivist.metadata.PhotoFormats;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Pictures that are inside a file, in-process: a camera RAW's largest embedded JPEG (every maker
 * stores one for its own screen; turned by the RAW's orientation) and an EPUB's cover image (the
 * manifest's {@code cover-image}, else EPUB 2's {@code <meta name="cover">}, else an image named
 * cover). A file without one gets a reason and the placeholder.
 */
@Component
@Order(40)
class CoverThumbnailer implements Thumbnailer {

    /** How far into a RAW the embedded JPEGs are looked for (they are near the start in every format seen). */
    private static final long SCAN_BYTES = 256L * 1024 * 1024;
    /** An EPUB's cover above this is refused unread: a zip bomb stays in the zip. */
    private static final long MAX_COVER_BYTES = 64L * 1024 * 1024;
    private static final int MAX_CANDIDATES = 32;

    @Override
    public String name() {
        return "covers";
    }

    @Override
    public String format() {
        return "jpg";
    }

    @Override
    public boolean accepts(MediaType mediaType, String mimeType) {
        if (mimeType == null) return false;
        return mediaType == MediaType.IMAGE && PhotoFormats.isCameraRaw(mimeType) || mimeType.equals("application/epub+zip");
    }

    @Override
    public List<Outcome> make(List<Request> batch) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Request request : batch) {
            String error;
            try {
                if (request.mimeType().equals("application/epub+zip")) epubCover(request);
                else rawPreview(request);
                error = null;
            } catch (IOException | RuntimeException e) {
                error = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            outcomes.add(new Outcome(request, error));
        }
        return outcomes;
    }

    private static void rawPreview(Request request) throws IOException {
        try (FileChannel channel = FileChannel.open(request.file(), StandardOpenOption.READ)) {
            MappedByteBuffer content = channel.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(channel.size(), SCAN_BYTES));
            int best = -1;
            long bestPixels = 0;
            int tried = 0;
            for (int at = 0; at + 3 < content.limit() && tried < MAX_CANDIDATES; at++) {
                if ((content.get(at) & 0xff) != 0xff || (content.get(at + 1) & 0xff) != 0xd8 || (content.get(at + 2) & 0xff) != 0xff) continue;
                tried++;
                long pixels = jpegPixels(content, at);
                if (pixels > bestPixels) {
                    bestPixels = pixels;
                    best = at;
                }
            }
            if (best < 0) throw new IOException("no embedded preview in this RAW file");
            try (ImageInputStream input = new MemoryCacheImageInputStream(stream(content, best))) {
                Pictures.writeBoth(Pictures.read(input, ThumbnailSize.PREVIEW.longEdge()), request.orientation(), request);
            }
        }
    }

    /** The size a JPEG at {@code at} says it has in its header, 0 when it is not one ImageIO reads (a lossless DNG tile). */
    private static long jpegPixels(MappedByteBuffer content, int at) {
        try (ImageInputStream input = new MemoryCacheImageInputStream(stream(content, at))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                // A lossless JPEG (the sensor data of a CR2 or DNG) fails here: ImageIO reads only the lossy ones.
                return (long) reader.getWidth(0) * reader.getHeight(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static InputStream stream(MappedByteBuffer content, int at) {
        java.nio.ByteBuffer slice = content.duplicate().position(at).slice();
        return new InputStream() {
            @Override
            public int read() {
                return slice.hasRemaining() ? slice.get() & 0xff : -1;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) {
                if (!slice.hasRemaining()) return -1;
                int n = Math.min(length, slice.remaining());
                slice.get(bytes, offset, n);
                return n;
            }
        };
    }

    private static void epubCover(Request request) throws IOException {
        try (ZipFile zip = new ZipFile(request.file().toFile())) {
            String opfPath = rootFile(zip);
            Document opf = xml(zip, opfPath);
            String href = coverHref(opf);
            if (href == null) throw new IOException("this EPUB names no cover image");
            String folder = opfPath.contains("/") ? opfPath.substring(0, opfPath.lastIndexOf('/') + 1) : "";
            String entryName = Path.of(folder + java.net.URLDecoder.decode(href, java.nio.charset.StandardCharsets.UTF_8)).normalize().toString();
            ZipEntry entry = zip.getEntry(entryName);
            if (entry == null) throw new IOException("its cover " + entryName + " is not in the EPUB");
            byte[] image = bounded(zip, entry);
            try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(image))) {
                Pictures.writeBoth(Pictures.read(input, ThumbnailSize.PREVIEW.longEdge()), null, request);
            }
        }
    }

    private static String rootFile(ZipFile zip) throws IOException {
        NodeList roots = xml(zip, "META-INF/container.xml").getElementsByTagNameNS("*", "rootfile");
        if (roots.getLength() == 0) throw new IOException("this EPUB has no package file");
        return ((Element) roots.item(0)).getAttribute("full-path");
    }

    /** EPUB 3's {@code properties="cover-image"}, EPUB 2's {@code <meta name="cover" content=ID>}, then an image item named cover. */
    private static String coverHref(Document opf) {
        NodeList items = opf.getElementsByTagNameNS("*", "item");
        String coverId = null;
        NodeList metas = opf.getElementsByTagNameNS("*", "meta");
        for (int i = 0; i < metas.getLength(); i++) {
            Element meta = (Element) metas.item(i);
            if ("cover".equals(meta.getAttribute("name"))) coverId = meta.getAttribute("content");
        }
        String named = null;
        for (int i = 0; i < items.getLength(); i++) {
            Element item = (Element) items.item(i);
            boolean image = item.getAttribute("media-type").startsWith("image/");
            if (!image) continue;
            if (List.of(item.getAttribute("properties").split("\\s+")).contains("cover-image")) return item.getAttribute("href");
            if (item.getAttribute("id").equals(coverId)) return item.getAttribute("href");
            if (named == null && (item.getAttribute("id") + item.getAttribute("href")).toLowerCase(java.util.Locale.ROOT).contains("cover")) {
                named = item.getAttribute("href");
            }
        }
        return named;
    }

    private static Document xml(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) throw new IOException("this EPUB has no " + name);
        try {
            return parser().parse(new ByteArrayInputStream(bounded(zip, entry)));
        } catch (org.xml.sax.SAXException e) {
            throw new IOException(name + " in this EPUB is not well-formed XML: " + e.getMessage());
        }
    }

    /** An entry read whole, refused when it is (or inflates to) more than the limit. */
    private static byte[] bounded(ZipFile zip, ZipEntry entry) throws IOException {
        if (entry.getSize() > MAX_COVER_BYTES) throw new IOException(entry.getName() + " is over " + MAX_COVER_BYTES / (1024 * 1024) + " MiB");
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) MAX_COVER_BYTES + 1);
            if (bytes.length > MAX_COVER_BYTES) throw new IOException(entry.getName() + " inflates to over " + MAX_COVER_BYTES / (1024 * 1024) + " MiB");
            return bytes;
        }
    }

    /** No DTDs, no external entities: an EPUB's XML is the book author's, not ours to trust. */
    private static DocumentBuilder parser() throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IOException(e);
        }
    }
}
