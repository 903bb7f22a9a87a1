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
import org.archivist.fingerprint.VideoPerceptualHash;
import org.archivist.testing.Corpus;

/**
 * Thumbnails of 12-megapixel JPEGs ({@code bench/run thumbs [COUNT]}): made from corpus photos
 * scaled to 4000 x 3000 (in target/, never committed). Per photo on one core: Archivist's
 * preview and thumbnail (libvips, one process per batch and size, the thumbnail from the preview)
 * and the perceptual hash from the thumbnail (against the full decode's, time and bits); then photos per second on both cores; baseline in the same
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

        // Archivist on one core: both pictures in batches (the preview from the photo, the thumbnail from the
        // preview), then each photo's perceptual hash from its thumbnail, as ThumbnailService does.
        VipsThumbnailer vips = new VipsThumbnailer();
        ImageDecoder decoder = new ImageDecoder("ffmpeg", Duration.ofSeconds(60));
        t = System.nanoTime();
        List<Thumbnailer.Request> made = make(vips, photos, folder.resolve("one"));
        double pictures = (System.nanoTime() - t) / 1e6 / photos.size();
        t = System.nanoTime();
        List<Long> fromThumbnails = new ArrayList<>();
        for (Thumbnailer.Request request : made) fromThumbnails.add(PerceptualHash.ofReducedCopy(decoder.decode(request.thumb(), "image/jpeg"), null));
        double previewHash = (System.nanoTime() - t) / 1e6 / photos.size();
        // Before: the hash from the JDK's full decode of the photo, as detection does for other formats.
        t = System.nanoTime();
        java.util.Map<Integer, Integer> distances = new java.util.TreeMap<>();
        for (int i = 0; i < photos.size(); i++) {
            long full = PerceptualHash.of(decoder.decode(photos.get(i), "image/jpeg"));
            distances.merge(PerceptualHash.distance(full, fromThumbnails.get(i)), 1, Integer::sum);
        }
        double fullHash = (System.nanoTime() - t) / 1e6 / photos.size();

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
                for (Thumbnailer.Request request : make(vips, part, into)) {
                    PerceptualHash.ofReducedCopy(decoder.decode(request.thumb(), "image/jpeg"), null);
                }
                return null;
            }));
        }
        for (Future<?> f : work) f.get();
        double rate = photos.size() / ((System.nanoTime() - t) / 1e9);
        pool.shutdown();

        double all = pictures + previewHash;
        System.out.printf("Thumbnails of %d 12-megapixel JPEGs, %d cores%n", photos.size(), cores);
        System.out.println("| what | ms per photo (one core) | target |");
        System.out.println("| --- | ---: | --- |");
        System.out.printf("| baseline: vipsthumbnail, 256 px WebP, one process per file | %.0f | |%n", baseline);
        System.out.printf("| Archivist: preview + thumbnail from it (libvips, JPEG, batches) | %.0f | |%n", pictures);
        System.out.printf("| Archivist: perceptual hash from the thumbnail | %.0f | |%n", previewHash);
        System.out.printf("| Archivist: all three | %.0f | <= 100: %s |%n", all, all <= 100 ? "met" : "NOT met");
        System.out.printf("| before: perceptual hash from the full decode | %.0f | |%n", fullHash);
        System.out.printf("| photos/s on %d cores, all three | %.1f | |%n", cores, rate);
        System.out.printf("thumbnail hash against the full decode's, distance -> photos: %s%n", distances);
        videos(folder);
    }

    /**
     * The corpus's videos: before, 25 ffmpeg runs for the sprite hash (Stash's way) and one for the
     * poster; now one run that takes the 25 frames and the poster, its hashes checked against Stash's.
     */
    private static void videos(Path folder) throws Exception {
        List<Path> videos;
        try (var files = Files.list(Corpus.media().resolve("video"))) {
            videos = files.sorted().toList();
        }
        Path root = Corpus.root();
        java.util.Map<String, String> reference = new java.util.HashMap<>();
        for (java.util.Map<String, String> row : Corpus.csv("goimagehash_video.csv")) reference.put(row.get("path"), row.get("phash"));
        VideoPerceptualHash hasher = new VideoPerceptualHash("ffmpeg", "ffprobe", Duration.ofSeconds(60));
        VideoPosterThumbnailer posters = new VideoPosterThumbnailer(hasher);
        Path out = Files.createDirectories(folder.resolve("video"));
        double before = 0, now = 0;
        int hashed = 0, equal = 0;
        for (Path video : videos) {
            long t = System.nanoTime();
            frameByFrame(video, out);
            ToolRun.run(List.of("ffmpeg", "-v", "error", "-y", "-ss", "3", "-i", video.toString(), "-frames:v", "1", "-vf",
                    "scale=1440:-2", out.resolve("old.jpg").toString()), Duration.ofSeconds(60), out);
            double one = (System.nanoTime() - t) / 1e6;
            before += one;
            Thumbnailer.Request request = new Thumbnailer.Request(video, "v", MediaType.VIDEO, "video/mp4", null, null, null,
                    out.resolve("v.thumb.jpg"), out.resolve("v.preview.jpg"));
            Files.deleteIfExists(request.thumb());
            Files.deleteIfExists(request.preview());
            t = System.nanoTime();
            Thumbnailer.Outcome outcome = posters.make(List.of(request)).get(0);
            now += (System.nanoTime() - t) / 1e6;
            System.err.printf("%s: before %.0f ms, now %.0f ms%n", video.getFileName(), one, (System.nanoTime() - t) / 1e6);
            String stash = reference.getOrDefault(root.relativize(video).toString(), "");
            if (!stash.isEmpty()) hashed++;
            if (stash.equals(outcome.perceptualHash() == null ? "" : PerceptualHash.hex(outcome.perceptualHash()))) equal++;
        }
        System.out.printf("%nVideos of the corpus: %d (%d with a hash), sprite hash + poster frame%n", videos.size(), hashed);
        System.out.println("| what | s for all | target |");
        System.out.println("| --- | ---: | --- |");
        System.out.printf("| before: 25 ffmpeg runs + a poster run a video | %.1f | |%n", before / 1000);
        System.out.printf("| now: one ffmpeg run a video (25 seeked inputs + the poster) | %.1f | >= 3x faster: %.1fx, %s |%n", now / 1000,
                before / now, before / now >= 3 ? "met" : "NOT met");
        System.out.printf("| hashes (or none) equal to Stash's (reference/goimagehash_video.csv) | %d of %d | all |%n", equal, videos.size());
    }

    /** Stash's way, the baseline: ffprobe, then one ffmpeg run per frame (the frames' pixels, not hashed here). */
    private static void frameByFrame(Path video, Path out) {
        ToolRun.Ended probe = ToolRun.run(List.of("ffprobe", "-v", "quiet", "-show_entries", "format=duration", "-of",
                "default=noprint_wrappers=1:nokey=1", video.toString()), Duration.ofSeconds(60), out);
        double duration;
        try {
            duration = Math.round(Double.parseDouble(probe.messages().trim()) * 100) / 100.0;
        } catch (NumberFormatException e) {
            return;
        }
        for (int i = 0; i < VideoPerceptualHash.FRAMES; i++) {
            String time = Double.toString(0.05 * duration + i * (0.9 * duration / VideoPerceptualHash.FRAMES));
            ToolRun.run(List.of("ffmpeg", "-v", "error", "-y", "-ss", time, "-i", video.toString(), "-frames:v", "1", "-vf", "scale=160:-2",
                    "-c:v", "bmp", "-f", "rawvideo", "/dev/null"), Duration.ofSeconds(60), out);
        }
    }

    private static List<Thumbnailer.Request> make(VipsThumbnailer vips, List<Path> photos, Path into) throws IOException {
        Files.createDirectories(into);
        List<Thumbnailer.Request> made = new ArrayList<>();
        for (int from = 0; from < photos.size(); from += 25) {
            List<Thumbnailer.Request> batch = new ArrayList<>();
            for (Path photo : photos.subList(from, Math.min(photos.size(), from + 25))) {
                String name = String.format("%064d", batch.size() + from);
                batch.add(new Thumbnailer.Request(photo, name, MediaType.IMAGE, "image/jpeg", 4000, 3000, null,
                        into.resolve(name + ".thumb.jpg"), into.resolve(name + ".preview.jpg")));
            }
            for (Path old : batch.stream().flatMap(r -> java.util.stream.Stream.of(r.thumb(), r.preview())).toList()) Files.deleteIfExists(old);
            for (Thumbnailer.Outcome outcome : vips.make(batch)) {
                if (!outcome.made()) throw new IllegalStateException(outcome.request().file() + ": " + outcome.error());
                made.add(outcome.request());
            }
        }
        return made;
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
