package org.archivist.jobs;

import java.util.Map;

/** Runs one kind of job, typed by its specification; the background workers find it by type. */
public interface JobHandler<S extends JobSpec> {

    /** The type of the jobs this handler runs (the value of {@link JobSpec#type()} of its specs). */
    String type();

    Class<S> specification();

    /** Does the work, resuming what an earlier run left; the result is stored with the job. */
    Map<String, Object> run(S spec, JobContext context);
}
