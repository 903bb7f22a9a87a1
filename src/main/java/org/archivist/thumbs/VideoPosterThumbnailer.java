package org.archivist.thumbs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.archivist.catalog.MediaType;
import org.archivist.fingerprint.ImageDecoder;
import org.archivist.fingerprint.VideoPerceptualHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A video's poster frame by ffmpeg: one frame a few seconds in (the first frames are often black),
 * turned as the video's rotation says, scaled to both sizes in the same run, JPEG out; read in the
 * run that takes the frames of the video's perceptual hash.
 */
@Component
@Order(20)
class VideoPosterThumbnailer implements Thumbnailer {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(VideoPosterThumbnailer.class);

    private final boolean installed = ToolRun.installed("ffmpeg");
    private final VideoPerceptualHash videos;

    VideoPosterThumbnailer(VideoPerceptualHash videos) {
        this.videos = videos;
    }

    @Override
    public String name() {
        return "ffmpeg";
    }

    @Override
    public String format() {
        return "jpg";
    }

    @Override
    public boolean accepts(MediaType mediaType, String mimeType) {
        return installed && mediaType == MediaType.VIDEO;
    }

    @Override
    public List<Outcome> make(List<Request> batch) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Request request : batch) outcomes.add(posterAndHash(request));
        return outcomes;
    }

    /**
     * The poster (3 s in) taken by the same ffmpeg run as the 25 frames of the video's perceptual hash, so a
     * video is opened once for both; without a hash (a clip Stash cannot hash either) the poster alone.
     */
    private Outcome posterAndHash(Request request) {
        Long phash = null;
        try {
            phash = videos.of(request.file(), new VideoPerceptualHash.AlsoFrom(List.of("-ss", "3"), input -> outputs(request, input)));
        } catch (IOException | ImageDecoder.UndecodableException e) {
            log.debug("no perceptual hash for {}: {}", request.file(), e.getMessage());
        }
        String error = made(request) ? null : poster(request, "3");
        // A clip shorter than the seek: its first frame instead.
        if (error != null || !made(request)) error = poster(request, "0");
        return new Outcome(request, error, phash);
    }

    private static boolean made(Request request) {
        return Files.exists(request.preview()) && Files.exists(request.thumb());
    }

    /** Both sizes from one poster frame of the run's input {@code input}, as ffmpeg output options. */
    private static List<String> outputs(Request request, int input) {
        return bothSizes("[" + input + ":V:0]", request);
    }

    /** ffmpeg output options writing both pictures of a request from one frame of {@code stream}, never enlarged. */
    static List<String> bothSizes(String stream, Request request) {
        String fit = "scale='if(gt(iw,ih),min(%1$d,iw),-2)':'if(gt(iw,ih),-2,min(%1$d,ih))',format=yuvj420p";
        return List.of("-filter_complex", stream + "split=2[a][b];[a]" + fit.formatted(ThumbnailSize.PREVIEW.longEdge()) + "[p];[b]"
                        + fit.formatted(ThumbnailSize.THUMB.longEdge()) + "[t]",
                "-map", "[p]", "-frames:v", "1", "-q:v", "4", "-f", "image2", request.preview().toString(),
                "-map", "[t]", "-frames:v", "1", "-q:v", "5", "-f", "image2", request.thumb().toString());
    }

    private static String poster(Request request, String seconds) {
        Path folder = request.thumb().getParent();
        // Only video containers: a playlist (HLS, concat) dressed as a video could otherwise read other files into its frame.
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-ss", seconds,
                "-format_whitelist", VideoPerceptualHash.CONTAINERS, "-i", request.file().toAbsolutePath().toString()));
        command.addAll(outputs(request, 0));
        ToolRun.Ended ended = ToolRun.run(command, LIMIT, folder);
        if (ended.exitCode() == 0 && made(request)) return null;
        return ended.messages().isBlank() ? "ffmpeg made no frame (exit " + ended.exitCode() + ")" : ended.messages();
    }
}
