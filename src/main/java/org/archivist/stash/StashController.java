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
    private final StashPush push;

    StashController(StashSettings settings, StashImporter importer, StashPush push) {
        this.settings = settings;
        this.importer = importer;
        this.push = push;
    }

    /** What pushing a plan's applied changes to Stash would send, and what it cannot send. */
    @GetMapping("/push/{planId}")
    StashPush.Preview preview(@org.springframework.web.bind.annotation.PathVariable long planId) {
        return push.preview(planId);
    }

    /** Queues sending them (202 with the {@code stash_push} job); scenes changed in Stash since the last sync are left as conflicts. */
    @PostMapping("/push/{planId}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    JobSchemas.Response push(@org.springframework.web.bind.annotation.PathVariable long planId) {
        return JobSchemas.Response.of(push.submit(planId));
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
