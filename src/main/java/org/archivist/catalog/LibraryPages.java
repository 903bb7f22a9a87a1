package org.archivist.catalog;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The libraries: each with its file count and offline state, and adding one (the server checks the folder). */
@Controller
class LibraryPages {

    private final LibraryService libraries;

    private final org.archivist.access.Callers callers;

    LibraryPages(LibraryService libraries, org.archivist.access.Callers callers) {
        this.libraries = libraries;
        this.callers = callers;
    }

    @GetMapping("/libraries")
    String list(Model model) {
        org.archivist.access.Caller caller = callers.current();
        model.addAttribute("admin", caller.admin());
        model.addAttribute("libraries", libraries.visibleTo(caller).stream().map(l -> new Shown(l, libraries.presentFiles(l.getId()))).toList());
        return "catalog/libraries";
    }

    /** A library as the page shows it. */
    record Shown(Library library, long files) {
    }

    @PostMapping("/libraries")
    String add(@RequestParam String name, @RequestParam String rootPath, RedirectAttributes flash) {
        try {
            Library added = libraries.add(new LibrarySchemas.Create(name.strip(), rootPath.strip(), null, null));
            flash.addFlashAttribute("message", "Library " + added.getName() + " added; scan it to catalogue its files.");
        } catch (RuntimeException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/libraries";
    }
}
