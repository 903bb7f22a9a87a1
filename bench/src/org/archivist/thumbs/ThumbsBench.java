package org.archivist.thumbs;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.imageio.ImageIO;

import org.archivist.catalog.MediaType;
import org.archivist.fingerprint.ImageDecoder;
import org.archivist.fingerprint.PerceptualHash;
import org.archivist.testing.Corpus;

/**
 * Thumbnails of 12-megapixel JPEGs ({@code bench/run thumbs [COUNT]}): made from corpus photos
 * scaled to 4000 x 3000 (in target/, never committed). Per photo on one core: Archivist's
 * thumbnail + preview (libvips, one process per batch and size) and the perceptual hash (the
 * JDK's decode, as detection does it); then photos per second on both cores; baseline in the same
 * run: {@code vipsthumbnail} making a 256 px WebP of one file per process.
 */
public final class ThumbsBench {

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 24;
        Path folder = Files.createDirectories(Path.of("target", "bench-tmp", "thumbs-12mp"));
        List<Path> photos = photos(folder, count);
        System.err.printf("%d photos of 4000 x 3000 in %s%n", photos.size(), folder);

        // Baseline: vipsthumbnail, one file per process, one thread.
        Path out = Files.createDirectories(folder.resolve("out"));
        long t = System.nanoTime();
        for (Path photo : photos) {
            ToolRun.run(List.of("vipsthumbnail", "--vips-concurrency=1", "--size", "256x256", "-o", out + "/%s.webp", photo.toString()),
                    Duration.ofSeconds(60), out);
        }
        double baseline = (System.nanoTime() - t) / 1e6 / photos.size();

        // Archivist on one core: both pictures in batches, then the perceptual hash of each.
        VipsThumbnailer vips = new VipsThumbnailer();
        t = System.nanoTime();
        make(vips, photos, folder.resolve("one"));
        double pictures = (System.nanoTime() - t) / 1e6 / photos.size();
        ImageDecoder decoder = new ImageDecoder("ffmpeg", Duration.ofSeconds(60));
        t = System.nanoTime();
        for (Path photo : photos) PerceptualHash.of(decoder.decode(photo, "image/jpeg"));
        double hash = (System.nanoTime() - t) / 1e6 / photos.size();

        // Both cores: two batches at once, each with its hashes.
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        t = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        int per = (photos.size() + cores - 1) / cores;
        for (int c = 0; c < cores; c++) {
            List<Path> part = photos.subList(Math.min(photos.size(), c * per), Math.min(photos.size(), (c + 1) * per));
            Path into = folder.resolve("all-" + c);
            work.add(pool.submit(() -> {
                make(vips, part, into);
                for (Path photo : part) PerceptualHash.of(decoder.decode(photo, "image/jpeg"));
                return null;
            }));
        }
        for (Future<?> f : work) f.get();
        double rate = photos.size() / ((System.nanoTime() - t) / 1e9);
        pool.shutdown();

        System.out.printf("Thumbnails of %d 12-megapixel JPEGs, %d cores%n", photos.size(), cores);
        System.out.println("| what | ms per photo (one core) | target |");
        System.out.println("| --- | ---: | --- |");
        System.out.printf("| baseline: vipsthumbnail, 256 px WebP, one process per file | %.0f | |%n", baseline);
        System.out.printf("| Archivist: thumbnail + preview (libvips, batches) | %.0f | |%n", pictures);
        System.out.printf("| Archivist: perceptual hash (JDK decode) | %.0f | |%n", hash);
        System.out.printf("| Archivist: all three | %.0f | <= 100: %s |%n", pictures + hash, pictures + hash <= 100 ? "met" : "NOT met");
        System.out.printf("| photos/s on %d cores, all three | %.1f | |%n", cores, rate);
    }

    private static void make(VipsThumbnailer vips, List<Path> photos, Path into) throws IOException {
        Files.createDirectories(into);
        for (int from = 0; from < photos.size(); from += 25) {
            List<Thumbnailer.Request> batch = new ArrayList<>();
            for (Path photo : photos.subList(from, Math.min(photos.size(), from + 25))) {
                String name = String.format("%064d", batch.size() + from);
                batch.add(new Thumbnailer.Request(photo, name, MediaType.IMAGE, "image/jpeg", 4000, 3000, null,
                        into.resolve(name + ".thumb.webp"), into.resolve(name + ".preview.webp")));
            }
            for (Thumbnailer.Outcome outcome : vips.make(batch)) {
                if (!outcome.made()) throw new IllegalStateException(outcome.request().file() + ": " + outcome.error());
            }
        }
    }

    /** Corpus JPEGs scaled to 4000 x 3000 and written at quality 0.9, made once. */
    private static List<Path> photos(Path folder, int count) throws IOException {
        List<Path> sources;
        try (var files = Files.list(Corpus.media().resolve("images"))) {
            sources = files.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".jpg")).sorted().toList();
        }
        List<Path> photos = new ArrayList<>();
        for (int i = 0; photos.size() < count && i < sources.size() * 4; i++) {
            Path target = folder.resolve("photo-" + photos.size() + ".jpg");
            if (!Files.exists(target)) {
                BufferedImage source = ImageIO.read(sources.get(i % sources.size()).toFile());
                if (source == null) continue;
                BufferedImage big = new BufferedImage(4000, 3000, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = big.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
                g.drawImage(source, 0, 0, 4000, 3000, null);
                g.dispose();
                Pictures.writeJpeg(big, target, 0.9f);
            }
            photos.add(target);
        }
        return photos;
    }
}
