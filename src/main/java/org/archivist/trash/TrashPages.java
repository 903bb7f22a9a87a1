package org.archivist.trash;

import java.nio.file.Path;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The trash: what is in it (restorable), and applying the duplicate decisions after seeing exactly which files move. */
@Controller
class TrashPages {

    private final TrashService trash;

    private final org.archivist.access.Callers callers;

    TrashPages(TrashService trash, org.archivist.access.Callers callers) {
        this.trash = trash;
        this.callers = callers;
    }

    /** The trash entries of the caller's libraries. */
    private java.util.List<TrashService.Entry> visible() {
        org.archivist.access.Caller caller = callers.current();
        return trash.list().stream().filter(e -> caller.sees(e.libraryId())).toList();
    }

    @GetMapping("/trash")
    String list(Model model) {
        model.addAttribute("entries", visible());
        return "trash/trash";
    }

    @GetMapping("/trash/apply")
    String preview(Model model) {
        model.addAttribute("moves", trash.planned());
        return "trash/apply";
    }

    @PostMapping("/trash/apply")
    String apply(RedirectAttributes flash) {
        TrashService.ApplyReport report = trash.applyDiscards();
        flash.addFlashAttribute("message", report.moved() + " files moved to the trash (" + report.bytes() + " bytes)"
                + (report.refused().isEmpty() ? "." : "; refused: " + String.join("; ", report.refused())));
        return "redirect:/trash";
    }

    @PostMapping("/trash/restore")
    String restore(@RequestParam String trashPath, RedirectAttributes flash) {
        // Only an entry of the caller's libraries: any other path is "not in the trash", as if it were not there.
        if (visible().stream().noneMatch(e -> e.trashPath().equals(trashPath))) {
            flash.addFlashAttribute("problem", "trashPath: " + trashPath + " is not in the trash");
            return "redirect:/trash";
        }
        try {
            flash.addFlashAttribute("message", "Restored to " + trash.restore(Path.of(trashPath)) + ".");
        } catch (IllegalArgumentException | IllegalStateException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/trash";
    }
}
