package org.archivist.jobs;

import java.util.EnumSet;
import java.util.Set;

import org.archivist.db.StoredEnum;

/**
 * A job's life: {@code pending -> running -> completed | failed | cancelled}. A pending job may
 * also be cancelled before it starts, a failed one goes back to pending when it is retried, and a
 * running one whose worker died goes back to pending so another run resumes it.
 */
public enum JobStatus implements StoredEnum {
    PENDING("pending"),
    RUNNING("running"),
    COMPLETED("completed"),
    FAILED("failed"),
    CANCELLED("cancelled");

    private final String value;

    JobStatus(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    public Set<JobStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(RUNNING, CANCELLED);
            case RUNNING -> EnumSet.of(COMPLETED, FAILED, CANCELLED, PENDING);
            case FAILED -> EnumSet.of(PENDING);
            case COMPLETED, CANCELLED -> EnumSet.noneOf(JobStatus.class);
        };
    }

    public boolean isFinished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Column extends StoredEnum.Converter<JobStatus> {
        public Column() {
            super(JobStatus.class);
        }
    }
}
