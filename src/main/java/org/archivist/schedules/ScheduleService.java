package org.archivist.schedules;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.archivist.db.NotFoundException;
import org.archivist.jobs.Job;
import org.archivist.settings.ScheduledTask;
import org.archivist.settings.SettingsSchemas;
import org.archivist.settings.SettingsService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Scheduled tasks as people manage them: list, change the cron line, zone or settings, enable,
 * disable, run now. The command line, the API and the page call these. With a server running,
 * each change moves the task's execution at once; without one, the next server start brings the
 * stored definitions in.
 */
@Service
public class ScheduleService {

    /** A task as shown: its definition and when it runs next. */
    public record Task(String name, String taskType, String schedule, String timeZone, java.util.Map<String, Object> config, boolean enabled,
                       Instant lastRun, Instant nextRun, Long lastJobId) {
        static Task of(ScheduledTask task) {
            return new Task(task.getName(), task.getTaskType(), task.getSchedule(), task.getTimeZone(), task.getConfig(), task.isEnabled(),
                    task.getLastRun(), task.getNextRun(), task.getLastJob() == null ? null : task.getLastJob().getId());
        }
    }

    private final SettingsService settings;
    private final TaskLauncher launcher;
    private final ObjectProvider<ScheduleRunner> runner;

    ScheduleService(SettingsService settings, TaskLauncher launcher, ObjectProvider<ScheduleRunner> runner) {
        this.settings = settings;
        this.launcher = launcher;
        this.runner = runner;
    }

    public List<Task> tasks() {
        return settings.tasks().stream().map(Task::of).toList();
    }

    public Task task(String name) {
        return Task.of(definition(name));
    }

    /** Changes what is given (a five- or six-field cron line, a zone, settings, the state); refused, named, when invalid. */
    public Task update(String name, SettingsSchemas.TaskUpdate change) {
        ScheduledTask current = definition(name);
        if (change.config() != null) TaskLauncher.check(current.getTaskType(), change.config());
        ScheduledTask updated = settings.updateTask(name, change, Instant.now(), ZoneId.systemDefault());
        runner.ifAvailable(r -> r.sync(updated));
        return Task.of(updated);
    }

    public Task enable(String name, boolean enabled) {
        return update(name, new SettingsSchemas.TaskUpdate(null, null, null, enabled));
    }

    /** Queues the task's jobs now, whatever its schedule (which stays as it is). */
    public List<Job> runNow(String name) {
        ScheduledTask definition = definition(name);
        List<Job> jobs = launcher.launch(definition);
        settings.recordRun(name, jobs.isEmpty() ? null : jobs.get(0), Instant.now(), definition.getNextRun());
        return jobs;
    }

    private ScheduledTask definition(String name) {
        return settings.task(name).orElseThrow(() -> new NotFoundException("scheduled task", name));
    }
}
