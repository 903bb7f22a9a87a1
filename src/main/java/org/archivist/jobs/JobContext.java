package org.archivist.jobs;

/** What a running job's work sees: where to report progress and whether it should stop. */
public interface JobContext {

    long jobId();

    /** Records progress and beats the heart; cheap enough to call once per batch. */
    void progress(long processed, Long total);

    /** Whether someone cancelled the job; work checks it between batches and stops cleanly. */
    boolean cancelled();
}
