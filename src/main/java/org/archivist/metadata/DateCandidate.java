package org.archivist.metadata;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * One date a file carries, as found: a wall-clock time and, when the source says so, its UTC
 * offset. A source that is UTC by specification (QuickTime, Matroska) has offset zero and
 * {@code utc} set: the instant is known, the local offset is not.
 *
 * @param origin what kind of source it is, which decides its priority
 * @param tag where exactly it was found, for people reviewing it (e.g. {@code EXIF:DateTimeOriginal})
 * @param wallClock the date and time as written, to the millisecond
 * @param offsetMinutes the offset from UTC when known, else null
 * @param utc whether the wall clock is UTC by the format's specification
 */
public record DateCandidate(DateOrigin origin, String tag, LocalDateTime wallClock, Integer offsetMinutes, boolean utc) {

    public static DateCandidate local(DateOrigin origin, String tag, LocalDateTime wallClock) {
        return new DateCandidate(origin, tag, wallClock, null, false);
    }

    public static DateCandidate withOffset(DateOrigin origin, String tag, LocalDateTime wallClock, Integer offsetMinutes) {
        return new DateCandidate(origin, tag, wallClock, offsetMinutes, false);
    }

    public static DateCandidate utc(DateOrigin origin, String tag, Instant instant) {
        return new DateCandidate(origin, tag, LocalDateTime.ofInstant(instant, ZoneOffset.UTC), null, true);
    }

    /** The capture instant as stored: true UTC when the offset is known, else the wall clock read as UTC. */
    public Instant storedInstant() {
        int offset = offsetMinutes == null ? 0 : offsetMinutes;
        return wallClock.toInstant(ZoneOffset.ofTotalSeconds(offset * 60));
    }

    /** Whether the moment in time is known (not just a wall clock in an unknown zone). */
    public boolean isAbsolute() {
        return utc || offsetMinutes != null;
    }
}
