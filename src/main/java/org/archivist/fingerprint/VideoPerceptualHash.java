package org.archivist.fingerprint;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;

import org.archivist.fingerprint.ImageDecoder.UndecodableException;
import org.archivist.metadata.ExternalTool;

/**
 * Stash's video perceptual hash: 25 frames from 5 % to 95 % of the container duration, each
 * taken by its own ffmpeg call scaled to 160 px wide, pasted row by row into a 5x5 sprite, and
 * the sprite hashed like an image. Same ffmpeg, same frames, same bits.
 */
public final class VideoPerceptualHash {

    private static final int COLUMNS = 5;
    private static final int FRAMES = COLUMNS * COLUMNS;

    private final String ffmpeg;
    private final String ffprobe;
    private final Duration limit;

    public VideoPerceptualHash(String ffmpeg, String ffprobe, Duration limit) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
        this.limit = limit;
    }

    public long of(Path file) throws IOException, UndecodableException {
        double duration = Math.round(containerDuration(file) * 100) / 100.0;
        if (!(duration > 0)) {
            throw new UndecodableException("video has no duration");
        }
        double offset = 0.05 * duration;
        double step = 0.9 * duration / FRAMES;
        byte[] sprite = null;
        int frameWidth = 0;
        int frameHeight = 0;
        for (int i = 0; i < FRAMES; i++) {
            String time = goFloat(offset + i * step);
            BufferedImage frame = frame(file, time, i);
            if (sprite == null) {
                frameWidth = frame.getWidth();
                frameHeight = frame.getHeight();
                sprite = new byte[COLUMNS * frameWidth * COLUMNS * frameHeight * 4];
            }
            paste(sprite, COLUMNS * frameWidth, COLUMNS * frameHeight, frame, frameWidth * (i % COLUMNS), frameHeight * (i / COLUMNS));
        }
        return PerceptualHash.of(new PixelImage.Rgba8(COLUMNS * frameWidth, COLUMNS * frameHeight, sprite, false));
    }

    private double containerDuration(Path file) throws IOException, UndecodableException {
        ExternalTool.Result result = run(List.of(ffprobe, "-v", "quiet", "-show_entries", "format=duration", "-of",
                "default=noprint_wrappers=1:nokey=1"), file, List.of());
        String text = new String(result.output(), StandardCharsets.US_ASCII).trim();
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new UndecodableException("ffprobe gives no duration for this video");
        }
    }

    private BufferedImage frame(Path file, String time, int index) throws IOException, UndecodableException {
        ExternalTool.Result result = run(List.of(ffmpeg, "-v", "error", "-y", "-ss", time, "-i"), file,
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
