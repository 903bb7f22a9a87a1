package org.archivist.schedules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.dedup.DuplicateDetection;
import org.archivist.fingerprint.HashService;
import org.archivist.jobs.Job;
import org.archivist.jobs.JobRunner;
import org.archivist.plans.AnalysisService;
import org.archivist.plans.AnalysisSettings;
import org.archivist.scan.ScanService;
import org.archivist.settings.ScheduledTask;
import org.archivist.stash.StashImporter;
import org.springframework.stereotype.Component;

/**
 * What a scheduled task does when it is due: queues the jobs of its type, the same jobs the
 * command line and the API queue. A scan or hash task covers {@code config.libraries}: "all" (the
 * default) or a list of library names. A job already queued or running for the same work is the
 * one answered, not a second.
 */
@Component
class TaskLauncher {

    static final Set<String> TYPES = Set.of("scan", "hash", "dedup", "analysis", "stash_import");

    private final LibraryService libraries;
    private final ScanService scans;
    private final JobRunner runner;
    private final DuplicateDetection detection;
    private final AnalysisService analysis;
    private final StashImporter stash;

    TaskLauncher(LibraryService libraries, ScanService scans, JobRunner runner, DuplicateDetection detection, AnalysisService analysis,
                 StashImporter stash) {
        this.stash = stash;
        this.libraries = libraries;
        this.scans = scans;
        this.runner = runner;
        this.detection = detection;
        this.analysis = analysis;
    }

    /** Refuses a task this server cannot run, naming why. */
    static void check(String type, Map<String, Object> config) {
        if (!TYPES.contains(type)) throw new IllegalArgumentException("taskType: '" + type + "' is not one of " + new java.util.TreeSet<>(TYPES));
        Object chosen = config == null ? null : config.get("libraries");
        if (chosen != null && !"all".equals(chosen) && !(chosen instanceof List<?>)) {
            throw new IllegalArgumentException("config.libraries: \"all\" or a list of library names, not " + chosen);
        }
    }

    /** The jobs queued for one run of the task (the first names the run). */
    List<Job> launch(ScheduledTask task) {
        check(task.getTaskType(), task.getConfig());
        List<Job> jobs = new ArrayList<>();
        switch (task.getTaskType()) {
            case "scan" -> {
                for (Library library : chosen(task)) jobs.add(scans.submit(library.getId(), false));
            }
            case "hash" -> {
                int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
                for (Library library : chosen(task)) jobs.add(runner.submit(new HashService.HashJob(library.getId(), threads)));
            }
            case "dedup" -> jobs.add(detection.submit("exact".equals(task.getConfig().get("match")) ? null : DuplicateDetection.NearSettings.DEFAULT));
            case "analysis" -> jobs.add(analysis.submit(new AnalysisService.AnalysisJob("Scheduled: " + task.getName(),
                    AnalysisSettings.of(null, null, null, null), null)));
            case "stash_import" -> jobs.add(stash.submit(Boolean.TRUE.equals(task.getConfig().get("full"))));
            default -> throw new IllegalStateException("checked above");
        }
        return jobs;
    }

    private List<Library> chosen(ScheduledTask task) {
        Object chosen = task.getConfig().get("libraries");
        if (chosen == null || "all".equals(chosen)) return libraries.list().stream().filter(Library::isEnabled).toList();
        List<Library> named = new ArrayList<>();
        for (Object name : (List<?>) chosen) named.add(libraries.get(String.valueOf(name)));
        return named;
    }
}
