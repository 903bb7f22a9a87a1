package org.archivist.decisions;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

import org.archivist.catalog.FileService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Setting and taking back a capture date from an item's page, and the queue of dates to look at. */
@Controller
class CaptureDatePages {

    private final CaptureDateService dates;
    private final FileService files;

    private final org.archivist.catalog.CatalogAccess access;
    private final org.archivist.access.Callers callers;

    CaptureDatePages(CaptureDateService dates, FileService files, org.archivist.catalog.CatalogAccess access,
                     org.archivist.access.Callers callers) {
        this.access = access;
        this.callers = callers;
        this.dates = dates;
        this.files = files;
    }

    @PostMapping("/files/{id}/date")
    String set(@PathVariable long id, @RequestParam String localTime, @RequestParam(required = false) Integer offsetMinutes,
               @RequestParam(required = false) Long item, RedirectAttributes flash) {
        access.file(id, callers.current());
        try {
            dates.set(id, new CaptureDateService.UserDate(LocalDateTime.parse(localTime), offsetMinutes));
            flash.addFlashAttribute("message", "Capture date set.");
        } catch (DateTimeParseException e) {
            flash.addFlashAttribute("problem", "localTime: '" + localTime + "' is not a date and time such as 2024-07-14T18:30");
        } catch (IllegalArgumentException | IllegalStateException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return back(item);
    }

    @PostMapping("/files/{id}/date/undo")
    String undo(@PathVariable long id, @RequestParam(required = false) Long item, RedirectAttributes flash) {
        access.file(id, callers.current());
        try {
            dates.revert(id);
            flash.addFlashAttribute("message", "Your date was taken back; the detected one is in place again.");
        } catch (IllegalArgumentException | IllegalStateException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return back(item);
    }

    private static String back(Long item) {
        return item == null ? "redirect:/review/dates" : "redirect:/items/" + item;
    }

    @GetMapping("/review/dates")
    String queue(@RequestParam(defaultValue = "0") long after, Model model) {
        var page = files.datesToReview(null, callers.current().libraries(), after, 50);
        model.addAttribute("dates", page);
        model.addAttribute("next", page.size() == 50 ? page.get(page.size() - 1).fileId() : null);
        return "decisions/dates";
    }
}
