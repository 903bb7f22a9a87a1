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

    /** A job that works on a library's files and claims it. */
    record LibraryJob(String name, String library) implements JobSpec {
        @Override
        public String type() {
            return "test-library";
        }

        @Override
        public String key() {
            return name;
        }

        @Override
        public java.util.List<String> exclusive() {
            return java.util.List.of("library:" + library);
        }
    }

    @Test
    void aJobWaitsWhileAnotherHoldsItsExclusiveClaimAndRunsWhenItIsFree() throws Exception {
        JobRunner runner = bean(JobRunner.class);
        runner.setFirstBackOff(Duration.ofMillis(50));
        String library = unique("lib");
        Job first = runner.jobFor(new LibraryJob(unique("scan"), library));
        assertThat(first.getStatus()).as("a command's job is running here from the start").isEqualTo(JobStatus.RUNNING);
        assertThat(first.getWorkerId()).isEqualTo(JobRunner.workerId());
        assertThat(runner.specOf(first, LibraryJob.class).library()).isEqualTo(library);
        AtomicInteger ran = new AtomicInteger();
        // The second waits (back in the queue, looking again after a pause) while the first runs.
        Thread finisher = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            bean(JobService.class).markCompleted(first.getId(), JobRunner.workerId(), Map.of());
        });
        finisher.start();
        // A background worker looking for work all the while never takes the waiting job: it is the command's.
        java.util.concurrent.atomic.AtomicBoolean looking = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.List<Long> stolen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread thief = new Thread(() -> {
            while (looking.get()) {
                bean(JobService.class).claimNext("elsewhere:1", java.util.List.of("test-library")).ifPresent(stolen::add);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        thief.start();
        long started = System.nanoTime();
        Job second = runner.run(runner.jobFor(new LibraryJob(unique("organize"), library)), context -> {
            ran.incrementAndGet();
            return Map.of("ok", true);
        });
        finisher.join();
        looking.set(false);
        thief.join();
        assertThat(stolen).as("no other worker took a command's job").isEmpty();
        assertThat(second.getStatus()).isEqualTo(JobStatus.COMPLETED);
        assertThat((System.nanoTime() - started) / 1_000_000).as("it waited for the first").isGreaterThanOrEqualTo(250);
        assertThat(second.getRetryCount()).as("waiting uses no retry").isZero();
        assertThat(ran.get()).as("its work ran once, after the other's").isEqualTo(1);
        Job other = runner.run(runner.jobFor(new LibraryJob(unique("elsewhere"), unique("lib"))), context -> Map.of());
        assertThat(other.getRetryCount()).as("another library's job does not wait").isZero();
    }

    /** A job in this process's name that no thread here runs (its end was lost while the database was away) goes back in the queue; one that runs stays. */
    @Test
    void aJobOrphanedInThisProcessGoesBackInTheQueueAndARunningOneStays() throws Exception {
        JobService jobs = bean(JobService.class);
        String me = JobRunner.workerId();
        Job orphan = jobs.enqueueStarted(new JobSchemas.Create("test", Map.of("key", unique("orphan"), "name", "orphan"), null, null), me);
        Job running = jobs.enqueueStarted(new JobSchemas.Create("test", Map.of("key", unique("running"), "name", "running"), null, null), me);
        Job waiting = jobs.enqueueStarted(new JobSchemas.Create("test", Map.of("key", unique("waiting"), "name", "waiting"), null, null), me);
        jobs.release(waiting.getId(), me);
        assertThat(jobs.claimNext("elsewhere:2", java.util.List.of("test"))).as("a waiting job is its process's").isEmpty();
        Thread.sleep(5);
        jobs.requeueDead(me, Duration.ZERO, java.util.Set.of(running.getId()));
        assertThat(jobs.get(orphan.getId()).getStatus()).isEqualTo(JobStatus.PENDING);
        assertThat(jobs.get(orphan.getId()).getWorkerId()).isNull();
        assertThat(jobs.get(waiting.getId()).getWorkerId()).as("nobody waits on it any more: anyone's").isNull();
        assertThat(jobs.get(running.getId()).getStatus()).isEqualTo(JobStatus.RUNNING);
        jobs.cancel(orphan.getId());
        jobs.cancel(waiting.getId());
        jobs.cancel(running.getId());
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
        String name = unique("claim");
        Job job = jobs.enqueue(new JobSchemas.Create("test", Map.of("key", name, "name", name), null, null));
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

    /**
     * This process stopped long enough (a GC pause, SIGSTOP) for another node to take its running job over:
     * the work here stops at its next look, and neither its progress nor its end lands on the other's run.
     */
    @Test
    void aRunTakenOverByAnotherNodeStopsAndWritesNothingMore() {
        JobService jobs = bean(JobService.class);
        java.util.concurrent.atomic.AtomicLong id = new java.util.concurrent.atomic.AtomicLong();
        assertThatThrownBy(() -> bean(JobRunner.class).run(job(unique("taken")), context -> {
            id.set(context.jobId());
            // As node "elsewhere" would, after this one's heart stopped past the limit.
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            jobs.requeueDead("elsewhere:2", Duration.ZERO, java.util.Set.of());
            assertThat(jobs.claim(context.jobId(), "elsewhere:2")).isTrue();
            while (!context.cancelled()) Thread.onSpinWait();
            assertThatThrownBy(() -> context.progress(5, 10L)).isInstanceOf(JobService.JobTakenOverException.class);
            return Map.of("from", "the paused node");
        })).as("the caller is told, and takes nothing for this run's outcome").isInstanceOf(JobService.JobTakenOverException.class)
                .hasMessageContaining("elsewhere:2 holds it now");
        Job after = jobs.get(id.get());
        assertThat(after.getStatus()).isEqualTo(JobStatus.RUNNING);
        assertThat(after.getWorkerId()).as("the run stands as the other node's").isEqualTo("elsewhere:2");
        assertThat(after.getResult()).isNull();
        jobs.markCompleted(after.getId(), "elsewhere:2", Map.of());
    }

    /** Which jobs hold a claim against a job: running ones, and older ones that started and have not ended. */
    @Test
    void aClaimIsHeldByRunningJobsAndOlderUnfinishedOnesOnly() {
        JobService jobs = bean(JobService.class);
        String claim = "library:" + unique("held");
        java.util.function.Supplier<Job> claiming = () -> jobs.enqueue(new JobSchemas.Create("test-holding", Map.of("key", unique("c"), "exclusive",
                java.util.List.of(claim)), null, 0));
        Job spent = claiming.get();
        jobs.start(spent.getId(), "w:1");
        jobs.markFailed(spent.getId(), "w:1", "no retries left");
        Job queued = claiming.get();
        Job asking = claiming.get();
        Job younger = claiming.get();
        jobs.start(younger.getId(), "w:1");
        jobs.release(younger.getId(), "w:1");
        assertThat(jobs.holding(claim, asking.getId())).as("a failed job with no retry left, a queued job that never started, a younger waiting one")
                .isEmpty();
        jobs.start(queued.getId(), "w:1");
        assertThat(jobs.holding(claim, asking.getId()).map(Job::getId)).as("a running one").contains(queued.getId());
        jobs.release(queued.getId(), "w:1");
        assertThat(jobs.holding(claim, asking.getId()).map(Job::getId)).as("an older one waiting after it started").contains(queued.getId());
        jobs.start(queued.getId(), "w:1");
        jobs.markCompleted(queued.getId(), "w:1", Map.of());
        jobs.start(younger.getId(), "w:1");
        assertThat(jobs.holding(claim, asking.getId()).map(Job::getId)).as("a younger one that runs").contains(younger.getId());
        jobs.markCompleted(younger.getId(), "w:1", Map.of());
        assertThat(jobs.holding(claim, asking.getId())).isEmpty();
        jobs.cancel(asking.getId());
    }
}
