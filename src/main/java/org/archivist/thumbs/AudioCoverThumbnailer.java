package org.archivist.thumbs;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.archivist.catalog.MediaType;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A song's embedded cover art (ID3 APIC, FLAC and Vorbis pictures, MP4 {@code covr}, ASF) by
 * ffmpeg, which shows it as an attached-picture stream: both sizes in one run, JPEG out. A song
 * without art gets a reason and the placeholder.
 */
@Component
@Order(25)
class AudioCoverThumbnailer implements Thumbnailer {

    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final String CONTAINERS = "mp3,flac,ogg,mov,mp4,m4a,3gp,3g2,mj2,asf,wav,aiff,matroska,webm,wv,ape,dsf,caf";

    private final boolean installed = ToolRun.installed("ffmpeg");

    @Override
    public String name() {
        return "ffmpeg-cover";
    }

    @Override
    public String format() {
        return "jpg";
    }

    @Override
    public boolean accepts(MediaType mediaType, String mimeType) {
        return installed && mediaType == MediaType.AUDIO;
    }

    @Override
    public List<Outcome> make(List<Request> batch) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Request request : batch) outcomes.add(new Outcome(request, cover(request)));
        return outcomes;
    }

    private static String cover(Request request) {
        List<String> command = new java.util.ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                "-format_whitelist", CONTAINERS, "-i", request.file().toAbsolutePath().toString()));
        command.addAll(VideoPosterThumbnailer.bothSizes("[0:v:0]", request));
        ToolRun.Ended ended = ToolRun.run(command, LIMIT, request.thumb().getParent());
        if (ended.exitCode() == 0 && Files.exists(request.preview()) && Files.exists(request.thumb())) return null;
        if (ended.messages().contains("matches no streams") || ended.messages().contains("Stream specifier")) return "no embedded cover art";
        return ended.messages().isBlank() ? "ffmpeg found no cover art (exit " + ended.exitCode() + ")" : ended.messages();
    }
}
