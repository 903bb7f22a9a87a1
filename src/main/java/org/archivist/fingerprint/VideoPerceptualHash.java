package org.archivist.fingerprint;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import javax.imageio.ImageIO;

import org.archivist.fingerprint.ImageDecoder.UndecodableException;
import org.archivist.metadata.ExternalTool;

/**
 * Stash's video perceptual hash: 25 frames from 5 % to 95 % of the container duration, each
 * seeked as Stash's own ffmpeg calls seek and scaled to 160 px wide, pasted row by row into a 5x5 sprite, and
 * the sprite hashed like an image. Same ffmpeg, same frames, same bits.
 */
public final class VideoPerceptualHash {

    /** The demuxers a video is opened with: a playlist (HLS, concat) dressed as a video could otherwise read other files. */
    public static final String CONTAINERS = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpegts,mpeg,mpegvideo,flv,asf,ogg,h264,hevc,m4v,dv,mxf,rm,nut";

    private static final int COLUMNS = 5;
    public static final int FRAMES = COLUMNS * COLUMNS;
    private static final int PER_RUN = 5;

    private final String ffmpeg;
    private final String ffprobe;
    private final Duration limit;

    public VideoPerceptualHash(String ffmpeg, String ffprobe, Duration limit) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
        this.limit = limit;
    }

    /**
     * Another picture wanted from the video in the first ffmpeg run (a poster frame): its input options
     * (a seek), and its ffmpeg outputs given the index that input has in the run.
     */
    public record AlsoFrom(List<String> inputOptions, IntFunction<List<String>> outputs) {
    }

    public long of(Path file) throws IOException, UndecodableException {
        return of(file, null);
    }

    /**
     * The hash, its 25 frames taken by five ffmpeg runs of five seeked inputs each (byte-identical to
     * Stash's 25 runs, a fraction of the process starts and container reads; five decoders at a time
     * keep a 4K video's memory bounded). A frame a run did not give is taken by a run of its own, and
     * the first that fails there fails the video, exactly where Stash's runs fail.
     */
    public long of(Path file, AlsoFrom also) throws IOException, UndecodableException {
        double duration = Math.round(containerDuration(file) * 100) / 100.0;
        if (!(duration > 0)) {
            throw new UndecodableException("video has no duration");
        }
        double offset = 0.05 * duration;
        double step = 0.9 * duration / FRAMES;
        Path folder = Files.createTempDirectory("archivist-sprite-");
        try {
            byte[] sprite = null;
            int frameWidth = 0;
            int frameHeight = 0;
            for (int first = 0; first < FRAMES; first += PER_RUN) {
                List<String> times = new ArrayList<>();
                for (int i = first; i < first + PER_RUN; i++) times.add(goFloat(offset + i * step));
                BufferedImage[] frames = framesInOneRun(file, times, folder, first == 0 ? also : null);
                for (int k = 0; k < PER_RUN; k++) {
                    int i = first + k;
                    BufferedImage frame = frames[k] != null ? frames[k] : frame(file, times.get(k), i);
                    if (sprite == null) {
                        frameWidth = frame.getWidth();
                        frameHeight = frame.getHeight();
                        sprite = new byte[COLUMNS * frameWidth * COLUMNS * frameHeight * 4];
                    }
                    paste(sprite, COLUMNS * frameWidth, COLUMNS * frameHeight, frame, frameWidth * (i % COLUMNS), frameHeight * (i / COLUMNS));
                }
            }
            return PerceptualHash.of(new PixelImage.Rgba8(COLUMNS * frameWidth, COLUMNS * frameHeight, sprite, false));
        } finally {
            try (var left = Files.list(folder)) {
                for (Path made : left.toList()) Files.deleteIfExists(made);
            }
            Files.deleteIfExists(folder);
        }
    }

    /** The frames one process gives (null where it gave none), each input decoded on one thread. */
    private BufferedImage[] framesInOneRun(Path file, List<String> times, Path folder, AlsoFrom also) throws IOException {
        BufferedImage[] frames = new BufferedImage[times.size()];
        try (ExternalTool.PlainName name = ExternalTool.PlainName.of(file, "")) {
            List<String> command = new ArrayList<>(List.of(ffmpeg, "-v", "error", "-y"));
            for (String time : times) {
                command.addAll(List.of("-threads", "1", "-ss", time, "-format_whitelist", CONTAINERS, "-i", name.path().toString()));
            }
            if (also != null) {
                command.addAll(also.inputOptions());
                command.addAll(List.of("-format_whitelist", CONTAINERS, "-i", name.path().toString()));
            }
            for (int k = 0; k < times.size(); k++) {
                Path made = folder.resolve(k + ".bmp");
                Files.deleteIfExists(made);
                command.addAll(List.of("-map", k + ":V:0", "-frames:v", "1", "-vf", "scale=160:-2", "-c:v", "bmp", "-f", "image2", made.toString()));
            }
            if (also != null) command.addAll(also.outputs().apply(times.size()));
            try {
                ExternalTool.run(command, limit);
            } catch (ExternalTool.ToolTimeoutException e) {
                return frames; // each frame on its own, each with its own time
            }
        }
        for (int k = 0; k < times.size(); k++) {
            Path made = folder.resolve(k + ".bmp");
            if (Files.isRegularFile(made) && Files.size(made) > 0) frames[k] = ImageIO.read(made.toFile());
        }
        return frames;
    }

    private double containerDuration(Path file) throws IOException, UndecodableException {
        ExternalTool.Result result = run(List.of(ffprobe, "-v", "quiet", "-format_whitelist", CONTAINERS, "-show_entries", "format=duration", "-of",
                "default=noprint_wrappers=1:nokey=1"), file, List.of());
        String text = new String(result.output(), StandardCharsets.US_ASCII).trim();
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new UndecodableException("ffprobe gives no duration for this video");
        }
    }

    private BufferedImage frame(Path file, String time, int index) throws IOException, UndecodableException {
        ExternalTool.Result result = run(List.of(ffmpeg, "-v", "error", "-y", "-ss", time, "-format_whitelist", CONTAINERS, "-i"), file,
                List.of("-frames:v", "1", "-vf", "scale=160:-2", "-c:v", "bmp", "-f", "rawvideo", "-"));
        BufferedImage image = result.output().length == 0 ? null : ImageIO.read(new ByteArrayInputStream(result.output()));
        if (result.exitCode() != 0 || image == null) {
            throw new UndecodableException("no frame " + (index + 1) + " of " + FRAMES + " at " + time + " s (ffmpeg exit code "
                    + result.exitCode() + ", " + result.output().length + " bytes)");
        }
        return image;
    }

    /** Copies an opaque frame into the sprite (NRGBA, transparent black where nothing is pasted). */
    private static void paste(byte[] sprite, int spriteWidth, int spriteHeight, BufferedImage frame, int left, int top) {
        int[] samples = frame.getRaster().getPixels(0, 0, frame.getWidth(), frame.getHeight(), (int[]) null);
        int bands = frame.getRaster().getNumBands();
        for (int y = 0; y < frame.getHeight() && top + y < spriteHeight; y++) {
            for (int x = 0; x < frame.getWidth() && left + x < spriteWidth; x++) {
                int from = (y * frame.getWidth() + x) * bands;
                int to = ((top + y) * spriteWidth + left + x) * 4;
                sprite[to] = (byte) samples[from];
                sprite[to + 1] = (byte) samples[from + 1];
                sprite[to + 2] = (byte) samples[from + 2];
                sprite[to + 3] = (byte) 0xff;
            }
        }
    }

    private ExternalTool.Result run(List<String> before, Path file, List<String> after) throws IOException, UndecodableException {
        try {
            return ExternalTool.run(before, file, after, limit);
        } catch (ExternalTool.ToolTimeoutException e) {
            throw new UndecodableException(e.getMessage());
        }
    }

    /** A float64 as Go's {@code fmt.Sprint} writes it: shortest round-trip digits, exponent form below 1e-4. */
    static String goFloat(double value) {
        if (value == 0) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(value);
        BigDecimal shortest = exact;
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == value) {
                shortest = candidate;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        int exponent = shortest.precision() - shortest.scale() - 1;
        if (exponent < -4 || exponent >= 21) {
            String digits = shortest.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String sign = value < 0 ? "-" : "";
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        return shortest.toPlainString();
    }
}
