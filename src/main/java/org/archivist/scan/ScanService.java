package org.archivist.scan;

import java.util.LinkedHashMap;
import java.util.Map;

import org.archivist.catalog.Library;
import org.archivist.jobs.Job;
import org.archivist.jobs.JobRunner;
import org.springframework.stereotype.Service;

/**
 * Scans a library as a persistent job: the job row records progress, survives a crash (the next
 * scan of the library resumes it), can be cancelled, and is retried with back-off on failure.
 */
@Service
public class ScanService {

    public static final String JOB_TYPE = "scan";

    private final LibraryScanner scanner;
    private final JobRunner runner;

    ScanService(LibraryScanner scanner, JobRunner runner) {
        this.scanner = scanner;
        this.runner = runner;
    }

    public ScanReport scan(Library library, boolean acceptMissing, ScanProgress progress) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("key", "library:" + library.getId());
        params.put("library", library.getName());
        Job job = runner.jobFor(JOB_TYPE, "library:" + library.getId(), params);
        ScanReport[] report = new ScanReport[1];
        Job finished = runner.run(job, context -> {
            report[0] = scanner.scan(library, acceptMissing, progress, context);
            return summary(report[0]);
        });
        if (finished.getStatus() == org.archivist.jobs.JobStatus.FAILED) {
            throw new IllegalStateException("scan of " + library.getName() + " failed after " + finished.getRetryCount()
                    + " retries (job " + finished.getId() + "): " + finished.getError());
        }
        return report[0] == null ? null : report[0].withJob(job.getId());
    }

    static Map<String, Object> summary(ScanReport report) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("seen", report.seen());
        result.put("added", report.added());
        result.put("changed", report.changed());
        result.put("moved", report.moved());
        result.put("missing", report.missing());
        result.put("returned", report.returned());
        result.put("unchanged", report.unchanged());
        result.put("errors", report.errors());
        result.put("seconds", report.elapsed().toMillis() / 1000.0);
        if (report.offline() != null) result.put("stopped", report.offline());
        return result;
    }
}
