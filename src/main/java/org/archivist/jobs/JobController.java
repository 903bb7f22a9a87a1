package org.archivist.jobs;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The jobs API: what runs, how far it is, cancelling and retrying, and live progress (docs/api.md). */
@RestController
@RequestMapping("/api/jobs")
class JobController {

    /** How often the event stream looks at the job. */
    private static final long EVENT_MILLIS = 500;

    private final JobService jobs;
    private final ScheduledExecutorService events = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "job-events");
        thread.setDaemon(true);
        return thread;
    });

    private final org.archivist.access.Callers callers;

    JobController(JobService jobs, org.archivist.access.Callers callers) {
        this.callers = callers;
        this.jobs = jobs;
    }

    /** The newest jobs first, of one {@code type} and/or {@code status} when given; {@code limit} 1-500 (default 50). */
    @GetMapping
    List<JobSchemas.Response> list(@RequestParam(required = false) String type, @RequestParam(required = false) String status,
                                   @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) throw new IllegalArgumentException("limit: " + limit + " is outside 1-500");
        org.archivist.access.Caller caller = callers.current();
        return jobs.list(type, status(status), limit).stream().filter(job -> JobService.visibleTo(job, caller)).map(JobSchemas.Response::of).toList();
    }

    @GetMapping("/{id}")
    JobSchemas.Response get(@PathVariable long id) {
        return JobSchemas.Response.of(jobs.get(id, callers.current()));
    }

    /** A running job stops within a second; a queued one never starts. */
    @PostMapping("/{id}/cancel")
    JobSchemas.Response cancel(@PathVariable long id) {
        return JobSchemas.Response.of(jobs.cancel(id));
    }

    /** A failed job goes back in the queue and resumes where it stopped. */
    @PostMapping("/{id}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    JobSchemas.Response retry(@PathVariable long id) {
        return JobSchemas.Response.of(jobs.restart(id));
    }

    /**
     * Server-Sent Events: a {@code progress} event with the job whenever it changes, and an {@code end}
     * event with its final state, after which the stream closes.
     */
    @GetMapping(path = "/{id}/events", produces = "text/event-stream")
    SseEmitter events(@PathVariable long id) {
        jobs.get(id, callers.current());
        SseEmitter emitter = new SseEmitter(0L);
        AtomicReference<JobSchemas.Response> last = new AtomicReference<>();
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        task.set(events.scheduleWithFixedDelay(() -> {
            try {
                JobSchemas.Response now = JobSchemas.Response.of(jobs.get(id));
                boolean ended = now.status().next().isEmpty() || now.status() == JobStatus.FAILED && now.retryCount() >= now.maxRetries();
                if (!now.equals(last.getAndSet(now)) || ended) {
                    emitter.send(SseEmitter.event().name(ended ? "end" : "progress").id(String.valueOf(now.processedItems())).data(now));
                }
                if (ended) {
                    emitter.complete();
                    stop(task);
                }
            } catch (IOException | IllegalStateException e) {
                // The client went away.
                stop(task);
            } catch (RuntimeException e) {
                emitter.completeWithError(e);
                stop(task);
            }
        }, 20, EVENT_MILLIS, TimeUnit.MILLISECONDS));
        emitter.onCompletion(() -> stop(task));
        emitter.onError(error -> stop(task));
        emitter.onTimeout(() -> stop(task));
        return emitter;
    }

    private static void stop(AtomicReference<ScheduledFuture<?>> task) {
        ScheduledFuture<?> running = task.get();
        if (running != null) running.cancel(false);
    }

    private static JobStatus status(String status) {
        return org.archivist.db.StoredEnum.parse("status", JobStatus.class, status);
    }
}
