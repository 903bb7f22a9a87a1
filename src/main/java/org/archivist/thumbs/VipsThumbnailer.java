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
 * orientation applied, metadata stripped, WebP out; PDFs' first pages through poppler. A batch whose process fails or runs out of
 * time is retried file by file, so one bad file costs only itself.
 */
@Component
@Order(10)
class VipsThumbnailer implements Thumbnailer {

    private static final Set<String> READS = Set.of("image/jpeg", "image/png", "image/webp", "image/tiff", "image/gif", "image/heic",
            "image/heif", "image/avif", "application/pdf");
    private static final Duration PER_FILE = Duration.ofSeconds(30);

    private final boolean installed = ToolRun.installed("vipsthumbnail");

    @Override
    public String name() {
        return "vips";
    }

    @Override
    public String format() {
        return "webp";
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
        run(links, ThumbnailSize.THUMB, folder, limit);
        run(links, ThumbnailSize.PREVIEW, folder, limit);
        List<Outcome> outcomes = new ArrayList<>();
        for (Request request : batch) {
            Path link = folder.resolve("vips-in").resolve(request.sha256() + extension(request.mimeType()));
            String error = null;
            for (ThumbnailSize size : ThumbnailSize.values()) {
                if (!Files.exists(made(folder, request, size))) {
                    // Alone, with its own time, to learn why.
                    ToolRun.Ended alone = run(List.of(link.toString()), size, folder, PER_FILE);
                    if (!Files.exists(made(folder, request, size))) {
                        error = alone.messages().isBlank() ? "libvips made no picture (exit " + alone.exitCode() + ")" : alone.messages();
                        break;
                    }
                }
            }
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

    private static Path made(Path folder, Request request, ThumbnailSize size) {
        return folder.resolve("vips-out-" + size.value()).resolve(request.sha256() + ".webp");
    }

    private static ToolRun.Ended run(List<String> inputs, ThumbnailSize size, Path folder, Duration limit) {
        Path out = folder.resolve("vips-out-" + size.value());
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of("vipsthumbnail", "--size", size.longEdge() + "x" + size.longEdge() + ">",
                "--vips-concurrency=1", "-o", out + "/%s.webp[Q=" + (size == ThumbnailSize.THUMB ? 72 : 80) + ",strip]"));
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
            case "application/pdf" -> ".pdf";
            default -> "";
        };
    }
}
