package org.archivist.stash;

import org.archivist.jobs.JobSchemas;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The Stash connection and its import (docs/stash.md). Admins only; the API key is never answered back whole. */
@RestController
@RequestMapping("/api/stash")
class StashController {

    record Connection(String url, String apiKey, Integer timeoutSeconds) {
    }

    private final StashSettings settings;
    private final StashImporter importer;

    StashController(StashSettings settings, StashImporter importer) {
        this.settings = settings;
        this.importer = importer;
    }

    @GetMapping
    StashSettings.Shown shown() {
        return settings.shown();
    }

    /** Sets the address and, when given, the API key. */
    @PutMapping
    StashSettings.Shown set(@RequestBody Connection connection) {
        return settings.set(connection.url(), connection.apiKey(), connection.timeoutSeconds());
    }

    /** Queues an import (202 with the job): scenes updated since the last one, or all with {@code full=true}. */
    @PostMapping("/import")
    @ResponseStatus(HttpStatus.ACCEPTED)
    JobSchemas.Response importScenes(@RequestParam(defaultValue = "false") boolean full) {
        return JobSchemas.Response.of(importer.submit(full));
    }
}
