package org.archivist.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.archivist.db.IllegalTransitionException;
import org.archivist.testing.EngineTest;
import org.junit.jupiter.api.Test;

class JobLifecycleTest extends EngineTest {

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
        jobs().start(job.getId(), "node-1");
        Job halfway = jobs().updateProgress(job.getId(), new JobSchemas.Update(250, 1000L));
        assertThat(halfway.getProgress()).isEqualTo(25);
        assertThat(halfway.getHeartbeatAt()).isNotNull();
        Job done = jobs().markCompleted(job.getId(), Map.of("new", 1000, "errors", 0));
        Job read = jobs().get(job.getId());
        assertThat(read.getStatus()).isEqualTo(JobStatus.COMPLETED);
        assertThat(read.getProgress()).isEqualTo(100);
        assertThat(read.getProcessedItems()).isEqualTo(1000);
        assertThat(read.getResult()).containsEntry("new", 1000);
        assertThat(read.getParams()).containsEntry("library", "photos");
        assertThat(read.getCompletedAt()).isEqualTo(done.getCompletedAt());
        assertThat(read.getStartedAt()).isNotNull();
        assertThat(read.getWorkerId()).isEqualTo("node-1");
    }

    @Test
    void illegalTransitionsAreRefused() {
        Job job = enqueue();
        assertThatThrownBy(() -> jobs().markCompleted(job.getId(), Map.of())).isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("pending to completed");
        assertThatThrownBy(() -> jobs().updateProgress(job.getId(), new JobSchemas.Update(1, 2L)))
                .isInstanceOf(IllegalTransitionException.class);
        jobs().start(job.getId(), "w");
        assertThatThrownBy(() -> jobs().start(job.getId(), "w")).isInstanceOf(IllegalTransitionException.class);
        jobs().cancel(job.getId());
        assertThatThrownBy(() -> jobs().markFailed(job.getId(), "late")).isInstanceOf(IllegalTransitionException.class);
        assertThat(jobs().get(job.getId()).getStatus()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void aFailedJobIsRetriedUpToItsLimit() {
        Job job = enqueue();
        for (int attempt = 0; attempt < 2; attempt++) {
            jobs().start(job.getId(), "w");
            jobs().markFailed(job.getId(), "disk went away");
            jobs().retry(job.getId());
        }
        jobs().start(job.getId(), "w");
        Job failed = jobs().markFailed(job.getId(), "disk went away again");
        assertThat(failed.getRetryCount()).isEqualTo(2);
        assertThat(failed.canRetry()).isFalse();
        assertThatThrownBy(() -> jobs().retry(job.getId())).isInstanceOf(IllegalTransitionException.class);
        assertThat(jobs().get(job.getId()).getError()).isEqualTo("disk went away again");
    }

    @Test
    void progressNeverExceedsOneHundred() {
        Job job = enqueue();
        jobs().start(job.getId(), "w");
        assertThat(jobs().updateProgress(job.getId(), new JobSchemas.Update(15, 10L)).getProgress()).isEqualTo(100);
        assertThat(jobs().updateProgress(job.getId(), new JobSchemas.Update(0, 0L)).getProgress()).isEqualTo(100);
        assertThatThrownBy(() -> jobs().updateProgress(job.getId(), new JobSchemas.Update(-1, 10L)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
