package org.archivist.metadata;

/**
 * What ffprobe would report of a file's streams, read in-process from the container's headers
 * ({@link IsoMediaReader}, {@link AviReader}); null fields are unknown. Codec names are ffprobe's.
 */
record StreamFacts(double durationSeconds, long bitrate, String videoCodec, Integer width, Integer height, Double fps,
                   int rotation, String audioCodec, Integer sampleRate, Integer channels) {

    /** Overrides whatever a tag reader guessed: these come from the stream headers. */
    void applyTo(ExtractedFacts facts) {
        var m = facts.metadata;
        m.setDurationSeconds(durationSeconds);
        m.setBitrate(bitrate);
        if (videoCodec != null) {
            m.setVideoCodec(videoCodec);
            m.setWidth(width);
            m.setHeight(height);
            m.setFps(fps);
            if (rotation != 0) facts.extra.put("rotation", rotation);
        }
        if (audioCodec != null) {
            m.setAudioCodec(audioCodec);
            m.setSampleRate(sampleRate);
            m.setChannels(channels);
        }
        facts.anyMetadata = true;
    }
}
