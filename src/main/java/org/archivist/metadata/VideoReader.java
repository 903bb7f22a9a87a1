package org.archivist.metadata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Duration, dimensions, frame rate, codecs, bit rate, creation time and GPS of a video (or the
 * technical facts of an audio file), read by {@code ffprobe} with a time limit per file.
 */
final class VideoReader {

    private final JsonMapper json;
    private final Duration limit;
    private final String program;

    VideoReader(JsonMapper json, Duration limit, String program) {
        this.json = json;
        this.limit = limit;
        this.program = program;
    }

    /** Reads the file; returns false when ffprobe could not read it (the reason is in the warnings). */
    boolean read(Path file, ExtractedFacts facts) throws IOException, ExternalTool.ToolTimeoutException {
        ExternalTool.Result result = ExternalTool.run(
                List.of(program, "-v", "quiet", "-print_format", "json", "-show_format", "-show_streams", "-show_error"),
                file, List.of(), limit);
        JsonNode root;
        try {
            root = json.readTree(new String(result.output(), StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            facts.warn("ffprobe gave no readable answer (exit code " + result.exitCode() + ")");
            return false;
        }
        if (result.exitCode() != 0 || root.path("format").isMissingNode()) {
            String message = root.path("error").path("string").asString("exit code " + result.exitCode());
            facts.warn("ffprobe could not read the file: " + message);
            return false;
        }
        apply(root, facts);
        return true;
    }

    void apply(JsonNode root, ExtractedFacts facts) {
        var m = facts.metadata;
        JsonNode format = root.path("format");
        m.setDurationSeconds(number(format.path("duration")));
        Double bitrate = number(format.path("bit_rate"));
        if (bitrate != null) m.setBitrate(bitrate.longValue());
        for (JsonNode stream : root.path("streams")) {
            String type = stream.path("codec_type").asString("");
            boolean attachedPicture = stream.path("disposition").path("attached_pic").asInt(0) == 1;
            if (type.equals("video") && !attachedPicture && m.getVideoCodec() == null) {
                m.setVideoCodec(text(stream.path("codec_name")));
                m.setWidth(integer(stream.path("width")));
                m.setHeight(integer(stream.path("height")));
                m.setFps(rate(stream.path("avg_frame_rate")) != null ? rate(stream.path("avg_frame_rate")) : rate(stream.path("r_frame_rate")));
                for (JsonNode side : stream.path("side_data_list")) {
                    if (side.has("rotation")) facts.extra.put("rotation", side.path("rotation").asInt());
                }
            } else if (type.equals("audio") && m.getAudioCodec() == null) {
                m.setAudioCodec(text(stream.path("codec_name")));
                m.setSampleRate(integer(stream.path("sample_rate")));
                m.setChannels(integer(stream.path("channels")));
                if (m.getBitrate() == null) {
                    Double streamRate = number(stream.path("bit_rate"));
                    if (streamRate != null) m.setBitrate(streamRate.longValue());
                }
            }
        }
        JsonNode tags = format.path("tags");
        // QuickTime's creation_time is UTC by specification; Apple's creationdate carries the local offset.
        String creation = tag(tags, "creation_time");
        if (creation != null) {
            boolean explicitUtc = creation.endsWith("Z");
            facts.dates.addText(DateOrigin.CONTAINER, "ffprobe:creation_time", creation, explicitUtc || !isRiff(format));
        }
        facts.dates.addText(DateOrigin.CONTAINER, "QuickTime:CreationDate", tag(tags, "com.apple.quicktime.creationdate"), false);
        facts.dates.addText(DateOrigin.CONTAINER, "ffprobe:date", tag(tags, "date"), false);
        String make = tag(tags, "com.apple.quicktime.make");
        String model = tag(tags, "com.apple.quicktime.model");
        if (make != null) m.setCameraMake(make);
        if (model != null) m.setCameraModel(model);
        String location = tag(tags, "com.apple.quicktime.location.ISO6709");
        if (location == null) location = tag(tags, "location");
        facts.gpsIso6709(location);
        String title = tag(tags, "title");
        if (title != null && facts.title == null) facts.title = title;
        facts.credit(tag(tags, "artist"), org.archivist.catalog.PersonRole.ARTIST);
        facts.genre(tag(tags, "genre"));
        facts.anyMetadata = true;
    }

    /** AVI's creation_time comes from the RIFF IDIT chunk: a local wall-clock time, not UTC. */
    private static boolean isRiff(JsonNode format) {
        return format.path("format_name").asString("").contains("avi");
    }

    private static String tag(JsonNode tags, String name) {
        var names = tags.propertyNames();
        for (String key : names) {
            if (key.equalsIgnoreCase(name)) return Text.clean(tags.path(key).asString(null));
        }
        return null;
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : Text.clean(node.asString());
    }

    private static Integer integer(JsonNode node) {
        Double value = number(node);
        return value == null ? null : value.intValue();
    }

    private static Double number(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) return null;
        if (node.isNumber()) return node.asDouble();
        return Text.parseDouble(node.asString());
    }

    private static Double rate(JsonNode node) {
        String text = node.asString("");
        String[] parts = text.split("/");
        if (parts.length != 2) return null;
        Double num = Text.parseDouble(parts[0]);
        Double den = Text.parseDouble(parts[1]);
        if (num == null || den == null || den == 0 || num == 0) return null;
        return Math.round(num / den * 1000) / 1000.0;
    }
}
