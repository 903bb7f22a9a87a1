package org.archivist.scan;

import java.time.Duration;
import java.util.List;

/**
 * What one scan did. {@code offline} is set when the offline guard stopped it, in which case
 * nothing was changed.
 */
public record ScanReport(String library, long seen, long added, long changed, long moved, long missing, long returned,
                         long unchanged, long errors, Duration elapsed, String offline, List<String> problems,
                         List<FileProblem> fileErrors, Long jobId) {

    /** How many of a scan's file errors its report lists ('archivist scan --errors' lists them all from the catalogue). */
    public static final int LISTED_PROBLEMS = 1_000;

    /** A scan the offline guard stopped before it changed anything. */
    static ScanReport stopped(String library, String reason, Duration elapsed) {
        return new ScanReport(library, 0, 0, 0, 0, 0, 0, 0, 0, elapsed, reason, List.of(), List.of(), null);
    }

    public double filesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds == 0 ? 0 : seen / seconds;
    }

    /** The figures as a map: the job's result and the CLI's JSON. */
    public java.util.Map<String, Object> summary() {
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("library", library);
        map.put("job", jobId);
        map.put("seen", seen);
        map.put("new", added);
        map.put("changed", changed);
        map.put("moved", moved);
        map.put("missing", missing);
        map.put("returned", returned);
        map.put("unchanged", unchanged);
        map.put("errors", errors);
        map.put("seconds", elapsed.toMillis() / 1000.0);
        map.put("stopped", offline);
        map.put("problems", problems);
        map.put("fileErrors", fileErrors);
        return map;
    }

    public ScanReport withJob(long id) {
        return new ScanReport(library, seen, added, changed, moved, missing, returned, unchanged, errors, elapsed, offline, problems,
                fileErrors, id);
    }
}
