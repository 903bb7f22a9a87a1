package org.archivist.catalog;

import java.time.Instant;

/**
 * When a photo or video was taken, as stored on its file: {@code detectedAt} is UTC when the
 * offset is known, else the wall-clock time read as UTC with {@code offsetMinutes} null.
 */
public record CaptureDate(Instant detectedAt, Integer offsetMinutes, TimestampSource source, Confidence confidence) {

    public static final CaptureDate NONE = new CaptureDate(null, null, null, Confidence.NONE);
}
