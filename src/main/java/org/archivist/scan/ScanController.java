package org.archivist.scan;

import org.archivist.jobs.JobSchemas;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Scanning over HTTP: a scan is queued for the background workers, never run on the request's thread. */
@RestController
class ScanController {

    private final ScanService scans;

    ScanController(ScanService scans) {
        this.scans = scans;
    }

    /**
     * Queues a scan of the library and answers 202 with its job (the one already queued or running,
     * if any). {@code acceptMissing}: a person checked that many files are really gone.
     */
    @PostMapping("/api/libraries/{id}/scan")
    @ResponseStatus(HttpStatus.ACCEPTED)
    JobSchemas.Response scan(@PathVariable long id, @RequestParam(defaultValue = "false") boolean acceptMissing) {
        return JobSchemas.Response.of(scans.submit(id, acceptMissing));
    }
}
