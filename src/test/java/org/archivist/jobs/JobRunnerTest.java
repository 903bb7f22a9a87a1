package org.archivist.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.archivist.testing.EngineTest;
import org.junit.jupiter.api.Test;

class JobRunnerTest extends EngineTest {

    /** A kind of job for these tests only. */
    record TestJob(String name) implements JobSpec {
        @Override
        public String type() {
            return "test";
        }

        @Override
        public String key() {
            return name;
        }
    }

    private Job job(String key) {
        return bean(JobRunner.class).jobFor(new TestJob(key));
    }

    @Test
    void failuresAreRetriedWithBackOffUntilTheWorkSucceeds() {
        JobRunner runner = bean(JobRunner.class);
        runner.setFirstBackOff(Duration.ofMillis(10));
        AtomicInteger attempts = new AtomicInteger();
        Job done = runner.run(job(unique("retry")), context -> {
            context.progress(attempts.get(), 10L);
            if (attempts.incrementAndGet() < 3) throw new IllegalStateException("disk hiccup");
            return Map.of("ok", true);
        });
        assertThat(done.getStatus()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.getRetryCount()).isEqualTo(2);
        assertThat(done.getResult()).containsEntry("ok", true);
    }

    @Test
    void aJobThatKeepsFailingStopsAfterMaxRetries() {
        JobRunner runner = bean(JobRunner.class);
        runner.setFirstBackOff(Duration.ofMillis(1));
        Job failed = runner.run(job(unique("broken")), context -> {
            throw new IllegalStateException("always");
        });
        assertThat(failed.getStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.getRetryCount()).isEqualTo(failed.getMaxRetries());
        assertThat(failed.getError()).contains("always");
    }

    @Test
    void aClaimIsAtomicAndACancelledJobStopsItsWork() {
        JobService jobs = bean(JobService.class);
        Job job = job(unique("claim"));
        assertThat(jobs.claim(job.getId(), "host:1")).isTrue();
        assertThat(jobs.claim(job.getId(), "host:2")).isFalse();
        assertThat(bean(JobRunner.class).specOf(job, TestJob.class)).as("params are the spec's fields").isEqualTo(new TestJob(job.getParams().get("key").toString()));
        assertThatThrownBy(() -> bean(JobRunner.class).jobFor(new TestJob((String) job.getParams().get("key"))))
                .as("a live worker holds it").isInstanceOf(JobRunner.JobBusyException.class);

        Job other = job(unique("cancel"));
        AtomicInteger batches = new AtomicInteger();
        Job result = bean(JobRunner.class).run(other, context -> {
            while (!context.cancelled()) {
                if (batches.incrementAndGet() == 3) jobs.cancel(context.jobId());
            }
            return Map.of();
        });
        assertThat(result.getStatus()).isEqualTo(JobStatus.CANCELLED);
        assertThat(batches.get()).as("work went on until the next look at the job").isGreaterThanOrEqualTo(3);
    }
}
