package org.archivist.scan;

import org.archivist.fingerprint.HashService;
import org.archivist.jobs.JobCompleted;
import org.archivist.jobs.JobRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** In {@code archivist serve}: a library's finished scan is followed by hashing what it found (which thumbnails follow). */
@Component
@ConditionalOnProperty(name = "archivist.workers", havingValue = "true")
class ScanFollowUp {

    private final JobRunner runner;

    ScanFollowUp(JobRunner runner) {
        this.runner = runner;
    }

    @EventListener
    void completed(JobCompleted completed) {
        if (completed.spec() instanceof ScanService.ScanJob scan) runner.submit(new HashService.HashJob(scan.libraryId(), 1));
    }
}
