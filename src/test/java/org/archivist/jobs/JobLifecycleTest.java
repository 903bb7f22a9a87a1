package org.archivist.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.archivist.db.IllegalTransitionException;
import org.archivist.testing.EngineTest;
import org.junit.jupiter.api.Test;

class JobLifecycleTest extends EngineTest {

    private static final String WORKER = "node-1:100";

    private JobService jobs() {
        return bean(JobService.class);
    }

    private Job enqueue() {
        return jobs().enqueue(new JobSchemas.Create("scan", Map.of("library", "photos", "paths", java.util.List.of("/a")), 5, 2));
    }

    @Test
    void aJobRunsFromPendingToCompletedWithProgress() {
        Job job = enqueue();
        assertThat(job.getStatus()).isEqualTo(JobStatus.PENDING);
        jobs().start(job.getId(), WORKER);
        Job halfway = jobs().updateProgress(job.getId(), WORKER, new JobSchemas.Update(250, 1000L));
        assertThat(halfway.getProgress()).isEqualTo(25);
        assertThat(halfway.getHeartbeatAt()).isNotNull();
        Job done = jobs().markCompleted(job.getId(), WORKER, Map.of("new", 1000, "errors", 0));
        Job read = jobs().get(job.getId());
        assertThat(read.getStatus()).isEqualTo(JobStatus.COMPLETED);
        assertThat(read.getProgress()).isEqualTo(100);
        assertThat(read.getProcessedItems()).isEqualTo(1000);
        assertThat(read.getResult()).containsEntry("new", 1000);
        assertThat(read.getParams()).containsEntry("library", "photos");
        assertThat(read.getCompletedAt()).isEqualTo(done.getCompletedAt());
        assertThat(read.getStartedAt()).isNotNull();
        assertThat(read.getWorkerId()).isEqualTo(WORKER);
    }

    @Test
    void illegalTransitionsAreRefused() {
        Job job = enqueue();
        assertThatThrownBy(() -> jobs().markCompleted(job.getId(), WORKER, Map.of())).isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("pending to completed");
        assertThatThrownBy(() -> jobs().updateProgress(job.getId(), WORKER, new JobSchemas.Update(1, 2L)))
                .isInstanceOf(IllegalTransitionException.class);
        jobs().start(job.getId(), WORKER);
        assertThatThrownBy(() -> jobs().start(job.getId(), "w")).isInstanceOf(IllegalTransitionException.class);
        jobs().cancel(job.getId());
        assertThatThrownBy(() -> jobs().markFailed(job.getId(), WORKER, "late")).isInstanceOf(IllegalTransitionException.class);
        assertThat(jobs().get(job.getId()).getStatus()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void aFailedJobIsRetriedUpToItsLimit() {
        Job job = enqueue();
        for (int attempt = 0; attempt < 2; attempt++) {
            jobs().start(job.getId(), WORKER);
            jobs().markFailed(job.getId(), WORKER, "disk went away");
            jobs().retry(job.getId());
        }
        jobs().start(job.getId(), WORKER);
        Job failed = jobs().markFailed(job.getId(), WORKER, "disk went away again");
        assertThat(failed.getRetryCount()).isEqualTo(2);
        assertThat(failed.canRetry()).isFalse();
        assertThatThrownBy(() -> jobs().retry(job.getId())).isInstanceOf(IllegalTransitionException.class);
        assertThat(jobs().get(job.getId()).getError()).isEqualTo("disk went away again");
    }

    @Test
    void progressNeverExceedsOneHundred() {
        Job job = enqueue();
        jobs().start(job.getId(), WORKER);
        assertThat(jobs().updateProgress(job.getId(), WORKER, new JobSchemas.Update(15, 10L)).getProgress()).isEqualTo(100);
        assertThat(jobs().updateProgress(job.getId(), WORKER, new JobSchemas.Update(0, 0L)).getProgress()).isEqualTo(100);
        assertThatThrownBy(() -> jobs().updateProgress(job.getId(), WORKER, new JobSchemas.Update(-1, 10L)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A node paused past the heartbeat timeout (a long GC, SIGSTOP, a cut-off network) comes back after
     * another took its job over: none of its writes lands, and its heart no longer beats for the job.
     */
    @Test
    void aWorkerWhoseJobWasTakenOverWritesNothingMore() {
        String type = "takeover-" + System.nanoTime();
        Job job = jobs().enqueue(new JobSchemas.Create(type, Map.of(), null, null));
        jobs().start(job.getId(), "node-a:1");
        jobs().updateProgress(job.getId(), "node-a:1", new JobSchemas.Update(100, 1000L));
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        // node-a's heart stopped: node-b finds the job silent past the limit and takes it.
        jobs().requeueDead("node-b:2", java.time.Duration.ZERO, java.util.Set.of());
        assertThat(jobs().claimNext("node-b:2", java.util.List.of(type))).contains(job.getId());
        assertThat(jobs().heartbeat(job.getId(), "node-a:1")).as("the old holder's heart beats no more for it").isFalse();
        assertThat(jobs().stillHeldBy(job.getId(), "node-a:1")).isFalse();
        assertThat(jobs().stillHeldBy(job.getId(), "node-b:2")).isTrue();
        assertThatThrownBy(() -> jobs().updateProgress(job.getId(), "node-a:1", new JobSchemas.Update(900, 1000L)))
                .isInstanceOf(JobService.JobTakenOverException.class).hasMessageContaining("node-b:2 holds it now");
        assertThatThrownBy(() -> jobs().markCompleted(job.getId(), "node-a:1", Map.of("stale", true)))
                .isInstanceOf(JobService.JobTakenOverException.class);
        assertThatThrownBy(() -> jobs().markFailed(job.getId(), "node-a:1", "late")).isInstanceOf(JobService.JobTakenOverException.class);
        assertThatThrownBy(() -> jobs().release(job.getId(), "node-a:1")).isInstanceOf(JobService.JobTakenOverException.class);
        Job read = jobs().get(job.getId());
        assertThat(read.getStatus()).isEqualTo(JobStatus.RUNNING);
        assertThat(read.getWorkerId()).isEqualTo("node-b:2");
        assertThat(read.getResult()).isNull();
        jobs().markFailed(job.getId(), "node-b:2", "disk went away");
        assertThat(jobs().retryOwn(job.getId(), "node-a:1")).as("the old holder's retry after its back-off is refused").isFalse();
        assertThat(jobs().get(job.getId()).getStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(jobs().retryOwn(job.getId(), "node-b:2")).isTrue();
        assertThat(jobs().claim(job.getId(), "node-b:2")).isTrue();
        jobs().markCompleted(job.getId(), "node-b:2", Map.of("done", 1));
        assertThat(jobs().get(job.getId()).getResult()).containsEntry("done", 1);
    }
}
