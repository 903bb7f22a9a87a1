package org.archivist.thumbs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.archivist.catalog.MediaType;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A video's poster frame by ffmpeg: one frame a few seconds in (the first frames are often black),
 * turned as the video's rotation says, scaled to both sizes in the same run, JPEG out.
 */
@Component
@Order(20)
class VideoPosterThumbnailer implements Thumbnailer {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String CONTAINERS = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpegts,mpeg,mpegvideo,flv,asf,ogg,h264,hevc,m4v,dv,mxf,rm,nut";

    private final boolean installed = ToolRun.installed("ffmpeg");

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
        for (Request request : batch) {
            String error = poster(request, "3");
            // A clip shorter than the seek: its first frame instead.
            if (error != null || !Files.exists(request.preview())) error = poster(request, "0");
            outcomes.add(new Outcome(request, error));
        }
        return outcomes;
    }

    private static String poster(Request request, String seconds) {
        Path folder = request.thumb().getParent();
        String fit = "scale='if(gt(iw,ih),min(%1$d,iw),-2)':'if(gt(iw,ih),-2,min(%1$d,ih))'";
        // Only video containers: a playlist (HLS, concat) dressed as a video could otherwise read other files into its frame.
        List<String> command = List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-ss", seconds,
                "-format_whitelist", CONTAINERS, "-i", request.file().toAbsolutePath().toString(),
                "-filter_complex", "[0:v:0]split=2[a][b];[a]" + fit.formatted(ThumbnailSize.PREVIEW.longEdge()) + "[p];[b]"
                        + fit.formatted(ThumbnailSize.THUMB.longEdge()) + "[t]",
                "-map", "[p]", "-frames:v", "1", "-q:v", "4", "-f", "image2", request.preview().toString(),
                "-map", "[t]", "-frames:v", "1", "-q:v", "5", "-f", "image2", request.thumb().toString());
        ToolRun.Ended ended = ToolRun.run(command, LIMIT, folder);
        if (ended.exitCode() == 0 && Files.exists(request.preview()) && Files.exists(request.thumb())) return null;
        return ended.messages().isBlank() ? "ffmpeg made no frame (exit " + ended.exitCode() + ")" : ended.messages();
    }
}
