package org.archivist.fingerprint;

import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.jobs.JobRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When {@code archivist serve} starts, every library's hashing is queued (it resumes where it
 * stopped and is quick when nothing is left), so what a command-line scan catalogued gets its
 * content hashes, and then its thumbnails, without anyone asking.
 */
@Component
@ConditionalOnProperty(name = "archivist.workers", havingValue = "true")
class HashCatchUp {

    private final LibraryService libraries;
    private final JobRunner runner;

    HashCatchUp(LibraryService libraries, JobRunner runner) {
        this.libraries = libraries;
        this.runner = runner;
    }

    @EventListener(ApplicationReadyEvent.class)
    void catchUp() {
        for (Library library : libraries.list()) {
            // A library whose folder is not there (a disk not mounted) waits for its next scan to say so.
            boolean reachable = java.nio.file.Files.isDirectory(java.nio.file.Path.of(library.getRootPath()));
            if (library.isEnabled() && !library.isOffline() && reachable) runner.submit(new HashService.HashJob(library.getId(), 1));
        }
    }
}
