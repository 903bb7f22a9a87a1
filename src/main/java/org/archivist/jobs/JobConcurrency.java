package org.archivist.jobs;

/**
 * How many background jobs the server runs at once. The settings feature answers it (setting
 * {@code jobs.concurrency}); this interface keeps the jobs feature from depending on settings,
 * which depends on jobs (a scheduled task remembers its last job).
 */
public interface JobConcurrency {

    int workers();
}
