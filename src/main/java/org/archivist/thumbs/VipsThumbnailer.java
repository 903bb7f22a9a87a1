package org.archivist.thumbs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.archivist.catalog.MediaType;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Pictures by libvips ({@code vipsthumbnail}, Debian's {@code libvips-tools}): one process per
 * batch and size, shrink-on-load (a 12-megapixel JPEG is decoded at an eighth of its size), EXIF
 * orientation applied, metadata stripped, JPEG out (the thumbnail made from the preview); PDFs' first pages through poppler. A batch whose process fails or runs out of
 * time is retried file by file, so one bad file costs only itself.
 */
@Component
@Order(10)
class VipsThumbnailer implements Thumbnailer {

    private static final Set<String> READS = Set.of("image/jpeg", "image/png", "image/webp", "image/tiff", "image/gif", "image/heic",
            "image/heif", "image/avif", "image/jxl", "application/pdf");
    private static final Duration PER_FILE = Duration.ofSeconds(30);

    private final boolean installed = ToolRun.installed("vipsthumbnail");

    @Override
    public String name() {
        return "vips";
    }

    @Override
    public String format() {
        return "jpg";
    }

    @Override
    public boolean accepts(MediaType mediaType, String mimeType) {
        // A PDF's first page through poppler, in its own process: a pathological PDF (one in the corpus takes
        // PDFBox 38 s) is stopped at the time limit instead of holding a thread.
        return installed && mimeType != null && READS.contains(mimeType) && (mediaType == MediaType.IMAGE || mimeType.equals("application/pdf"));
    }

    @Override
    public List<Outcome> make(List<Request> batch) {
        if (batch.isEmpty()) return List.of();
        // Absolute: vipsthumbnail reads a relative output pattern as relative to each input's folder.
        Path folder = batch.get(0).thumb().toAbsolutePath().getParent();
        // The program names its outputs after its inputs: each input is a link named by its content.
        Map<String, Request> byName = new HashMap<>();
        List<String> links = new ArrayList<>();
        try {
            Path inputs = Files.createDirectories(folder.resolve("vips-in"));
            for (Request request : batch) {
                Path link = inputs.resolve(request.sha256() + extension(request.mimeType()));
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, request.file().toAbsolutePath());
                byName.put(request.sha256(), request);
                links.add(link.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare thumbnails in " + folder, e);
        }
        Duration limit = PER_FILE.plusSeconds(2L * batch.size());
        // The preview from the original, then the thumbnail from the preview: a 1440 px JPEG shrinks on load
        // by 4 where the original would need a second full decode.
        run(links, ThumbnailSize.PREVIEW, folder, limit);
        Map<Request, String> errors = new HashMap<>();
        List<String> previews = new ArrayList<>();
        for (Request request : batch) {
            Path link = folder.resolve("vips-in").resolve(request.sha256() + extension(request.mimeType()));
            String error = madeAlone(link, request, ThumbnailSize.PREVIEW, folder);
            if (error == null) previews.add(made(folder, request, ThumbnailSize.PREVIEW).toString());
            else errors.put(request, error);
        }
        if (!previews.isEmpty()) run(previews, ThumbnailSize.THUMB, folder, limit);
        List<Outcome> outcomes = new ArrayList<>();
        for (Request request : batch) {
            String error = errors.get(request);
            if (error == null) error = madeAlone(made(folder, request, ThumbnailSize.PREVIEW), request, ThumbnailSize.THUMB, folder);
            if (error == null) {
                try {
                    Files.move(made(folder, request, ThumbnailSize.THUMB), request.thumb());
                    Files.move(made(folder, request, ThumbnailSize.PREVIEW), request.preview());
                } catch (IOException e) {
                    error = "cannot move the pictures: " + e.getMessage();
                }
            }
            outcomes.add(new Outcome(request, error));
        }
        return outcomes;
    }

    /** Null when the batch made the picture; otherwise the file is tried alone, with its own time, to learn why. */
    private static String madeAlone(Path input, Request request, ThumbnailSize size, Path folder) {
        if (Files.exists(made(folder, request, size))) return null;
        ToolRun.Ended alone = run(List.of(input.toString()), size, folder, PER_FILE);
        if (Files.exists(made(folder, request, size))) return null;
        return alone.messages().isBlank() ? "libvips made no picture (exit " + alone.exitCode() + ")" : alone.messages();
    }

    private static Path made(Path folder, Request request, ThumbnailSize size) {
        return folder.resolve("vips-out-" + size.value()).resolve(request.sha256() + ".jpg");
    }

    private static ToolRun.Ended run(List<String> inputs, ThumbnailSize size, Path folder, Duration limit) {
        Path out = folder.resolve("vips-out-" + size.value());
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // JPEG: a 1440 px preview costs half the time of a WebP one (measured in bench/README.md).
        List<String> command = new ArrayList<>(List.of("vipsthumbnail", "--size", size.longEdge() + "x" + size.longEdge() + ">",
                "--vips-concurrency=1", "-o", out + "/%s.jpg[Q=" + (size == ThumbnailSize.THUMB ? 78 : 82) + ",optimize_coding,strip]"));
        command.addAll(inputs);
        return ToolRun.run(command, limit, folder);
    }

    /** libvips chooses its loader by content, but a name without the right extension confuses some (TIFF-based HEIC). */
    private static String extension(String mimeType) {
        return switch (mimeType) {
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            case "image/webp" -> ".webp";
            case "image/tiff" -> ".tif";
            case "image/gif" -> ".gif";
            case "image/heic", "image/heif" -> ".heic";
            case "image/avif" -> ".avif";
            case "image/jxl" -> ".jxl";
            case "application/pdf" -> ".pdf";
            default -> "";
        };
    }
}
