package org.archivist.metadata;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.archivist.catalog.CaptureDate;
import org.archivist.catalog.Confidence;

/**
 * Chooses a file's capture date from every candidate it carries, and says how sure it is:
 * {@code high} when two independent sources agree, {@code medium} for one reliable embedded
 * source, {@code low} for a file name alone, an edit date, or sources that disagree, and
 * {@code none} when only the file system has a date.
 */
public final class CaptureDateResolver {

    /** Photography was invented in 1826: anything earlier is a broken clock. */
    static final LocalDateTime EARLIEST = LocalDateTime.of(1826, 1, 1, 0, 0);
    /** Two sources agree when they are this close (cameras write seconds, containers round). */
    static final Duration AGREEMENT = Duration.ofMinutes(1);
    /** A wall clock and a UTC time agree when they differ by a whole time-zone offset. */
    private static final Duration LARGEST_OFFSET = Duration.ofHours(14);

    public record Resolution(CaptureDate chosen, DateCandidate winner, List<DateCandidate> valid,
                             List<DateCandidates.Rejection> rejected) {
    }

    private final Clock clock;

    public CaptureDateResolver(Clock clock) {
        this.clock = clock;
    }

    public Resolution resolve(DateCandidates candidates) {
        List<DateCandidate> valid = new ArrayList<>();
        List<DateCandidates.Rejection> rejected = new ArrayList<>(candidates.rejected());
        // A day of slack: a wall clock in UTC+14 is ahead of this server's UTC.
        Instant latest = clock.instant().plus(Duration.ofDays(1));
        for (DateCandidate c : candidates.found()) {
            if (c.wallClock().isBefore(EARLIEST)) {
                rejected.add(new DateCandidates.Rejection(c.tag(), c.wallClock().toString(), "before 1826"));
            } else if (c.storedInstant().isAfter(latest)) {
                rejected.add(new DateCandidates.Rejection(c.tag(), c.wallClock().toString(), "in the future"));
            } else {
                valid.add(c);
            }
        }
        // Best origin first; within one origin prefer a known offset, then the earliest.
        valid.sort(Comparator.comparing(DateCandidate::origin)
                .thenComparing(c -> c.offsetMinutes() == null)
                .thenComparing(DateCandidate::storedInstant));
        if (valid.isEmpty()) {
            return new Resolution(CaptureDate.NONE, null, valid, rejected);
        }
        DateCandidate winner = valid.get(0);
        return new Resolution(new CaptureDate(winner.storedInstant(), winner.offsetMinutes(), winner.origin().source(),
                confidence(winner, valid)), winner, valid, rejected);
    }

    private static Confidence confidence(DateCandidate winner, List<DateCandidate> valid) {
        if (winner.origin() == DateOrigin.FILE_SYSTEM) {
            return Confidence.NONE;
        }
        List<DateCandidate> others = valid.stream()
                .filter(c -> c != winner && c.origin() != DateOrigin.FILE_SYSTEM && c.origin() != DateOrigin.EMBEDDED_MODIFIED)
                .toList();
        boolean disagreement = others.stream().anyMatch(c -> c.origin().isEmbeddedCapture() && !agree(winner, c));
        if (disagreement) {
            return Confidence.LOW;
        }
        boolean corroborated = others.stream().anyMatch(c -> c.origin().family() != winner.origin().family() && agree(winner, c));
        if (corroborated) {
            return Confidence.HIGH;
        }
        return winner.origin().isEmbeddedCapture() ? Confidence.MEDIUM : Confidence.LOW;
    }

    /**
     * Whether two dates name the same moment. When one of them has no known offset the two may
     * differ by any whole quarter hour up to 14 hours (the unknown offset) and still agree.
     * A date-only value (midnight) agrees with any time of that day.
     */
    static boolean agree(DateCandidate a, DateCandidate b) {
        if (isDateOnly(a) || isDateOnly(b)) {
            return a.wallClock().toLocalDate().equals(b.wallClock().toLocalDate());
        }
        Duration gap = Duration.between(a.storedInstant(), b.storedInstant()).abs();
        if (gap.compareTo(AGREEMENT) <= 0) {
            return true;
        }
        if (a.isAbsolute() && b.isAbsolute() || gap.compareTo(LARGEST_OFFSET) > 0) {
            return false;
        }
        long quarter = Duration.ofMinutes(15).toSeconds();
        long rest = gap.toSeconds() % quarter;
        return Math.min(rest, quarter - rest) <= AGREEMENT.toSeconds();
    }

    private static boolean isDateOnly(DateCandidate c) {
        return c.origin() == DateOrigin.FILE_NAME && c.wallClock().toLocalTime().equals(java.time.LocalTime.MIDNIGHT);
    }
}
