package org.archivist.metadata;

import java.util.Map;

/** The extension jaudiotagger needs to pick its reader, from the MIME type the bytes gave. */
final class AudioFormats {

    private static final Map<String, String> BY_MIME = Map.ofEntries(
            Map.entry("audio/mpeg", "mp3"), Map.entry("audio/flac", "flac"), Map.entry("audio/x-flac", "flac"),
            Map.entry("audio/ogg", "ogg"), Map.entry("audio/vorbis", "ogg"), Map.entry("audio/opus", "opus"),
            Map.entry("audio/mp4", "m4a"), Map.entry("audio/x-m4a", "m4a"), Map.entry("audio/x-ms-wma", "wma"),
            Map.entry("audio/vnd.wave", "wav"), Map.entry("audio/x-wav", "wav"), Map.entry("audio/wav", "wav"),
            Map.entry("audio/x-aiff", "aif"), Map.entry("audio/aiff", "aif"), Map.entry("audio/x-dsf", "dsf"));

    private AudioFormats() {
    }

    /** Formats jaudiotagger reads; others (Opus, AAC streams...) get ffprobe's facts only. */
    private static final java.util.Set<String> READABLE = java.util.Set.of("mp3", "flac", "ogg", "m4a", "m4b", "mp4", "wma",
            "wav", "aif", "aiff", "dsf");

    /** The extension to hand jaudiotagger, or null when it cannot read this format. */
    static String extensionFor(String mime, String fileName) {
        String known = BY_MIME.get(mime);
        if (known == null) known = MediaClassifier.extension(fileName);
        return READABLE.contains(known) ? known : null;
    }
}
