package org.archivist.thumbs;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.archivist.catalog.MediaType;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A PDF's first page by PDFBox when libvips is missing, rendered at the preview's size, JPEG out,
 * within a time limit: a pathological PDF is given up on (its thread is told to stop, and is a
 * daemon, so it cannot keep the server from ending).
 */
@Component
@Order(30)
class PdfCoverThumbnailer implements Thumbnailer {

    @Override
    public String name() {
        return "pdfbox";
    }

    @Override
    public String format() {
        return "jpg";
    }

    @Override
    public boolean accepts(MediaType mediaType, String mimeType) {
        return "application/pdf".equals(mimeType);
    }

    private static final java.time.Duration LIMIT = java.time.Duration.ofSeconds(20);

    @Override
    public List<Outcome> make(List<Request> batch) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Request request : batch) {
            java.util.concurrent.FutureTask<String> drawing = new java.util.concurrent.FutureTask<>(() -> draw(request));
            Thread thread = new Thread(drawing, "pdf-cover");
            thread.setDaemon(true);
            thread.start();
            String error;
            try {
                error = drawing.get(LIMIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                drawing.cancel(true);
                error = "the PDF's first page took longer than " + LIMIT.toSeconds() + " s to draw and was given up";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                drawing.cancel(true);
                throw new java.util.concurrent.CancellationException("interrupted while drawing a PDF's first page");
            } catch (java.util.concurrent.ExecutionException e) {
                error = "the PDF's first page could not be drawn: " + e.getCause();
            }
            outcomes.add(new Outcome(request, error));
        }
        return outcomes;
    }

    /** Draws the cover; returns null when made, else why not. */
    private static String draw(Request request) {
        String error = null;
        try (PDDocument document = Loader.loadPDF(request.file().toFile())) {
            if (document.getNumberOfPages() == 0) throw new IllegalStateException("the PDF has no page");
            PDPage page = document.getPage(0);
            float longSide = Math.max(page.getMediaBox().getWidth(), page.getMediaBox().getHeight());
            float scale = Math.min(4f, ThumbnailSize.PREVIEW.longEdge() / Math.max(1f, longSide));
            BufferedImage cover = new PDFRenderer(document).renderImage(0, scale, ImageType.RGB);
            Pictures.writeJpeg(Pictures.fit(cover, ThumbnailSize.PREVIEW.longEdge()), request.preview(), 0.82f);
            Pictures.writeJpeg(Pictures.fit(cover, ThumbnailSize.THUMB.longEdge()), request.thumb(), 0.78f);
        } catch (Exception | StackOverflowError e) {
            error = "the PDF's first page could not be drawn: " + e.getMessage();
        }
        return error;
    }
}
