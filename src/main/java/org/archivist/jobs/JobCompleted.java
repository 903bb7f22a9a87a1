package org.archivist.jobs;

/**
 * Published when a background worker finished a job: the stage that follows it (hashing after a
 * scan, thumbnails after hashing) listens for its predecessor, so no feature has to know its successors.
 */
public record JobCompleted(JobSpec spec, long jobId) {
}
