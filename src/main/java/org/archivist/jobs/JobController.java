package org.archivist.jobs;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The jobs API: what runs, how far it is, and cancelling it (docs/api.md). */
@RestController
@RequestMapping("/api/jobs")
class JobController {

    private final JobService jobs;

    JobController(JobService jobs) {
        this.jobs = jobs;
    }

    /** The 50 most recent jobs, newest first. */
    @GetMapping
    List<JobSchemas.Response> recent() {
        return jobs.recent().stream().map(JobSchemas.Response::of).toList();
    }

    @GetMapping("/{id}")
    JobSchemas.Response get(@PathVariable long id) {
        return JobSchemas.Response.of(jobs.get(id));
    }

    @PostMapping("/{id}/cancel")
    JobSchemas.Response cancel(@PathVariable long id) {
        return JobSchemas.Response.of(jobs.cancel(id));
    }
}
