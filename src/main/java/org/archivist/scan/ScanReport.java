package org.archivist.scan;

import java.time.Duration;
import java.util.List;

/**
 * What one scan did. {@code offline} is set when the offline guard stopped it, in which case
 * nothing was changed.
 */
public record ScanReport(String library, long seen, long added, long changed, long moved, long missing, long returned,
                         long unchanged, long errors, Duration elapsed, String offline, List<String> problems, Long jobId) {

    public double filesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds == 0 ? 0 : seen / seconds;
    }

    public ScanReport withJob(long id) {
        return new ScanReport(library, seen, added, changed, moved, missing, returned, unchanged, errors, elapsed, offline, problems, id);
    }
}
