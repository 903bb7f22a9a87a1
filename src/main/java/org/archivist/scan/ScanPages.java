package org.archivist.scan;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Scan now" on the libraries page: queued for the background workers, followed on the jobs page. */
@Controller
class ScanPages {

    private final ScanService scans;

    ScanPages(ScanService scans) {
        this.scans = scans;
    }

    @PostMapping("/libraries/{id}/scan")
    String scan(@PathVariable long id, RedirectAttributes flash) {
        long job = scans.submit(id, false).getId();
        flash.addFlashAttribute("message", "Scan queued (job " + job + "); hashing and thumbnails follow it.");
        return "redirect:/jobs";
    }
}
