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

    TrashPages(TrashService trash) {
        this.trash = trash;
    }

    @GetMapping("/trash")
    String list(Model model) {
        model.addAttribute("entries", trash.list());
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
        try {
            flash.addFlashAttribute("message", "Restored to " + trash.restore(Path.of(trashPath)) + ".");
        } catch (IllegalArgumentException | IllegalStateException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/trash";
    }
}
