package org.archivist.fingerprint;

import java.nio.charset.StandardCharsets;

import org.archivist.fingerprint.ImageDecoder.UndecodableException;

/** Parsers for the two uncompressed frame formats ffmpeg writes to a pipe for us. */
final class RawFrames {

    private RawFrames() {
    }

    /**
     * A YUV4MPEG2 stream of one 4:2:0 frame, as Go's YCbCr image with chroma taken from the
     * sample covering each pixel (no interpolation), which is how the resize step reads it.
     */
    static PixelImage y4mYCbCr420(byte[] stream) throws UndecodableException {
        int headerEnd = indexOf(stream, (byte) '\n', 0);
        if (headerEnd < 0 || !new String(stream, 0, Math.min(9, stream.length), StandardCharsets.US_ASCII).equals("YUV4MPEG2")) {
            throw new UndecodableException("ffmpeg gave no YUV frame");
        }
        int width = 0;
        int height = 0;
        for (String field : new String(stream, 0, headerEnd, StandardCharsets.US_ASCII).split(" ")) {
            if (field.startsWith("W")) width = Integer.parseInt(field.substring(1));
            if (field.startsWith("H")) height = Integer.parseInt(field.substring(1));
        }
        int frame = indexOf(stream, (byte) '\n', headerEnd + 1) + 1;
        int chromaWidth = (width + 1) / 2;
        int chromaHeight = (height + 1) / 2;
        int cb = frame + width * height;
        int cr = cb + chromaWidth * chromaHeight;
        if (width <= 0 || height <= 0 || frame <= 0 || cr + chromaWidth * chromaHeight > stream.length) {
            throw new UndecodableException("ffmpeg gave a truncated YUV frame");
        }
        byte[] pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int at = (y * width + x) * 3;
                int chroma = (y / 2) * chromaWidth + x / 2;
                pixels[at] = stream[frame + y * width + x];
                pixels[at + 1] = stream[cb + chroma];
                pixels[at + 2] = stream[cr + chroma];
            }
        }
        return new PixelImage.YCbCr(width, height, pixels);
    }

    /** A PAM image with four 8-bit channels (RGBA, not premultiplied: Go's NRGBA). */
    static PixelImage pamRgba(byte[] stream) throws UndecodableException {
        int width = 0;
        int height = 0;
        int depth = 0;
        int at = 0;
        while (true) {
            int end = indexOf(stream, (byte) '\n', at);
            if (end < 0) {
                throw new UndecodableException("ffmpeg gave no image");
            }
            String line = new String(stream, at, end - at, StandardCharsets.US_ASCII);
            at = end + 1;
            if (line.startsWith("WIDTH ")) width = Integer.parseInt(line.substring(6).trim());
            if (line.startsWith("HEIGHT ")) height = Integer.parseInt(line.substring(7).trim());
            if (line.startsWith("DEPTH ")) depth = Integer.parseInt(line.substring(6).trim());
            if (line.equals("ENDHDR")) break;
        }
        if (depth != 4 || width <= 0 || height <= 0 || at + width * height * 4 > stream.length) {
            throw new UndecodableException("ffmpeg gave an unexpected image (" + width + "x" + height + "x" + depth + ")");
        }
        byte[] pixels = new byte[width * height * 4];
        System.arraycopy(stream, at, pixels, 0, pixels.length);
        return new PixelImage.Rgba8(width, height, pixels, false);
    }

    private static int indexOf(byte[] bytes, byte value, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == value) return i;
        }
        return -1;
    }
}
