package org.archivist.jobs;

import java.time.Instant;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

/** Request and response shapes of jobs. */
public final class JobSchemas {

    private JobSchemas() {
    }

    public record Create(
            @NotBlank @Pattern(regexp = "^[a-z_]{1,40}$", message = "must be a job type such as scan, hash or dedup") String type,
            Map<String, Object> params,
            @Min(-100) @Max(100) Integer priority,
            @Min(0) @Max(20) Integer maxRetries) {
    }

    /** Progress reported by the worker running the job. */
    public record Update(@PositiveOrZero long processedItems, @PositiveOrZero Long totalItems) {
    }

    public record Response(long id, String type, JobStatus status, Map<String, Object> params, int progress,
                           Long totalItems, long processedItems, Map<String, Object> result, String error,
                           int retryCount, int maxRetries, int priority, String workerId, Instant heartbeatAt,
                           Instant createdAt, Instant startedAt, Instant completedAt) {

        public static Response of(Job job) {
            return new Response(job.getId(), job.getType(), job.getStatus(), job.getParams(), job.getProgress(),
                    job.getTotalItems(), job.getProcessedItems(), job.getResult(), job.getError(), job.getRetryCount(),
                    job.getMaxRetries(), job.getPriority(), job.getWorkerId(), job.getHeartbeatAt(), job.getCreatedAt(),
                    job.getStartedAt(), job.getCompletedAt());
        }
    }
}
