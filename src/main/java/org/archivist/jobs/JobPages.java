package org.archivist.jobs;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Recent jobs with live progress (each running job's event stream) and cancelling. */
@Controller
class JobPages {

    private final JobService jobs;

    private final org.archivist.access.Callers callers;

    JobPages(JobService jobs, org.archivist.access.Callers callers) {
        this.jobs = jobs;
        this.callers = callers;
    }

    @GetMapping("/jobs")
    String list(Model model) {
        org.archivist.access.Caller caller = callers.current();
        model.addAttribute("jobs", jobs.list(null, null, 50).stream().filter(job -> JobService.visibleTo(job, caller))
                .map(JobSchemas.Response::of).toList());
        return "jobs/jobs";
    }

    @PostMapping("/jobs/{id}/cancel")
    String cancel(@PathVariable long id, RedirectAttributes flash) {
        jobs.cancel(id);
        flash.addFlashAttribute("message", "Job " + id + " cancelled; it stops at its next checkpoint.");
        return "redirect:/jobs";
    }
}
