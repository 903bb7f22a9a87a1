package org.archivist.scan;

import java.util.Map;

import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.jobs.Job;
import org.archivist.jobs.JobContext;
import org.archivist.jobs.JobHandler;
import org.archivist.jobs.JobRunner;
import org.archivist.jobs.JobSpec;
import org.springframework.stereotype.Service;

/**
 * Scans a library as a persistent job: the job row records progress, survives a crash (the next
 * scan of the library resumes it), can be cancelled, and is retried with back-off on failure.
 * Commands run it here to its end; the server queues it for its background workers.
 */
@Service
public class ScanService implements JobHandler<ScanService.ScanJob> {

    public static final String JOB_TYPE = "scan";

    /** The scan of one library; one at a time per library. */
    public record ScanJob(long libraryId, boolean acceptMissing) implements JobSpec {
        @Override
        public String type() {
            return JOB_TYPE;
        }

        @Override
        public String key() {
            return "library:" + libraryId;
        }

        /** Not while the library's files are being organized (the scan would see them between two names). */
        @Override
        public java.util.List<String> exclusive() {
            return java.util.List.of("library:" + libraryId);
        }
    }

    private final LibraryScanner scanner;
    private final JobRunner runner;
    private final LibraryService libraries;

    ScanService(LibraryScanner scanner, JobRunner runner, LibraryService libraries) {
        this.scanner = scanner;
        this.runner = runner;
        this.libraries = libraries;
    }

    /** Scans now, on this thread, showing progress: what commands do. */
    public ScanReport scan(Library library, boolean acceptMissing, ScanProgress progress) {
        JobRunner.Finished<ScanReport> finished = runner.runToEnd(new ScanJob(library.getId(), acceptMissing),
                context -> scanner.scan(library, acceptMissing, progress, context), ScanReport::summary);
        return finished.value() == null ? null : finished.value().withJob(finished.job().getId());
    }

    /** Queues the scan for the server's workers (or answers the one already queued or running). */
    public Job submit(long libraryId, boolean acceptMissing) {
        libraries.get(libraryId);
        return runner.submit(new ScanJob(libraryId, acceptMissing));
    }

    @Override
    public String type() {
        return JOB_TYPE;
    }

    @Override
    public Class<ScanJob> specification() {
        return ScanJob.class;
    }

    @Override
    public Map<String, Object> run(ScanJob spec, JobContext context) {
        return scanner.scan(libraries.get(spec.libraryId()), spec.acceptMissing(), ScanProgress.NONE, context).summary();
    }
}
