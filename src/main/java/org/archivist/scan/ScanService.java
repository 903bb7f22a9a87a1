package org.archivist.scan;

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
        ScanReport[] report = new ScanReport[1];
        Job finished = runner.runToEnd(JOB_TYPE, "library:" + library.getId(), Map.of("library", library.getName()), context -> {
            report[0] = scanner.scan(library, acceptMissing, progress, context);
            return report[0].summary();
        });
        return report[0] == null ? null : report[0].withJob(finished.getId());
    }
}
