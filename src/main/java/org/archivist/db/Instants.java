package org.archivist.db;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants as the catalogue stores them: UTC, to the millisecond, the same on both engines. */
public final class Instants {

    private Instants() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public static Instant stored(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
