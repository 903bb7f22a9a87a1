package org.archivist.jobs;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The queue as admins watch it (/actuator/prometheus): {@code archivist_jobs_queue{status="pending"}}
 * and so on, read from the jobs table when scraped (one grouped count, every node sees the same).
 */
@Component
class JobMetrics implements MeterBinder {

    private final JdbcTemplate jdbc;

    JobMetrics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (JobStatus status : JobStatus.values()) {
            Gauge.builder("archivist.jobs.queue", () -> counts().getOrDefault(status, 0L)).tag("status", status.value())
                    .description("jobs in this state, on every node").register(registry);
        }
    }

    private Map<JobStatus, Long> counts() {
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        try {
            jdbc.query("SELECT status, count(*) FROM jobs GROUP BY status", rows -> {
                for (JobStatus status : JobStatus.values()) if (status.value().equals(rows.getString(1))) counts.put(status, rows.getLong(2));
            });
        } catch (RuntimeException e) {
            // The database away for a moment: the scrape shows zeros rather than failing.
        }
        return counts;
    }
}
