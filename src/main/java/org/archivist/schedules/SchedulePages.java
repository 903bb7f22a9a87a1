package org.archivist.schedules;

import org.archivist.settings.SettingsSchemas;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The schedules page: each task's cron line, zone, state, last and next run; change, enable, disable, run now. Admins only. */
@Controller
class SchedulePages {

    private final ScheduleService schedules;

    SchedulePages(ScheduleService schedules) {
        this.schedules = schedules;
    }

    @GetMapping("/schedules")
    String list(Model model) {
        model.addAttribute("tasks", schedules.tasks());
        return "schedules/schedules";
    }

    @PostMapping("/schedules/{name}")
    String update(@PathVariable String name, @RequestParam String schedule, @RequestParam(defaultValue = "") String timeZone, RedirectAttributes flash) {
        return done(flash, () -> schedules.update(name, new SettingsSchemas.TaskUpdate(schedule.strip(), timeZone.strip(), null, null)),
                name + ": schedule saved.");
    }

    @PostMapping("/schedules/{name}/enabled")
    String enabled(@PathVariable String name, @RequestParam boolean enabled, RedirectAttributes flash) {
        return done(flash, () -> schedules.enable(name, enabled), name + (enabled ? " enabled." : " disabled."));
    }

    @PostMapping("/schedules/{name}/run")
    String run(@PathVariable String name, RedirectAttributes flash) {
        return done(flash, () -> schedules.runNow(name), name + " queued (see Jobs).");
    }

    private static String done(RedirectAttributes flash, Runnable change, String message) {
        try {
            change.run();
            flash.addFlashAttribute("message", message);
        } catch (org.archivist.db.NotFoundException e) {
            throw e;
        } catch (RuntimeException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/schedules";
    }
}
