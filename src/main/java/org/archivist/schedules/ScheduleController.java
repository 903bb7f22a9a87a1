package org.archivist.schedules;

import java.util.List;
import java.util.Map;

import org.archivist.jobs.JobSchemas;
import org.archivist.settings.SettingsSchemas;
import org.archivist.validation.RequestValidator;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Scheduled tasks (docs/schedules.md): list, change, enable or disable, run now. Admins only. */
@RestController
@RequestMapping("/api/schedules")
class ScheduleController {

    private final ScheduleService schedules;
    private final RequestValidator validator;

    ScheduleController(ScheduleService schedules, RequestValidator validator) {
        this.schedules = schedules;
        this.validator = validator;
    }

    @GetMapping
    List<ScheduleService.Task> tasks() {
        return schedules.tasks();
    }

    @GetMapping("/{name}")
    ScheduleService.Task task(@PathVariable String name) {
        return schedules.task(name);
    }

    /** Any of {@code schedule} (a crontab line), {@code timeZone}, {@code config}, {@code enabled}. */
    @PatchMapping("/{name}")
    ScheduleService.Task update(@PathVariable String name, @RequestBody SettingsSchemas.TaskUpdate change) {
        validator.validate(change);
        return schedules.update(name, change);
    }

    @PostMapping("/{name}/run")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, List<JobSchemas.Response>> run(@PathVariable String name) {
        return Map.of("jobs", schedules.runNow(name).stream().map(JobSchemas.Response::of).toList());
    }
}
