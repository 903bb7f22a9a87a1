package org.archivist.jobs;

/**
 * What one job is to do: a record per kind of job, its parameters as fields. The fields are the
 * job's stored {@code params}, so a job left by a killed process is run again with exactly them.
 */
public interface JobSpec {

    /** The stored job type, one per kind of job (scan, hash, dedup...). */
    String type();

    /**
     * What must not run twice at once, e.g. {@code library:7} for a library's scan: submitting a
     * spec whose job is still queued or running answers that job instead of a second one.
     */
    String key();

    /**
     * What no other job may hold while this one runs, e.g. {@code library:7} for the jobs that move
     * or read a library's files (its scan, organizing it): the second waits (fails and is retried
     * after a pause) until the first is done. A job holds its claims from its start until it ends
     * (completed, cancelled, or failed for good), also while it waits for a retry after a crash.
     */
    default java.util.List<String> exclusive() {
        return java.util.List.of();
    }
}
