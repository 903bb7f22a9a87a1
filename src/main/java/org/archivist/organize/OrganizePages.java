package org.archivist.organize;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.archivist.catalog.ItemKind;
import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The organize pages: a library's layout, its preview run by run with every move, apply, undo, XMP sidecars (docs/organize.md). Admins only. */
@Controller
class OrganizePages {

    private static final int PAGE = 100;

    private final LibraryService libraries;
    private final OrganizeSettingsStore settings;
    private final OrganizePreview preview;
    private final OrganizeApplier applier;
    private final OrganizeUndo undo;
    private final OrganizeRuns runs;
    private final SidecarWriter sidecars;

    OrganizePages(LibraryService libraries, OrganizeSettingsStore settings, OrganizePreview preview, OrganizeApplier applier, OrganizeUndo undo,
                  OrganizeRuns runs, SidecarWriter sidecars) {
        this.libraries = libraries;
        this.settings = settings;
        this.preview = preview;
        this.applier = applier;
        this.undo = undo;
        this.runs = runs;
        this.sidecars = sidecars;
    }

    @GetMapping("/organize")
    String organize(@RequestParam(required = false) Long library, Model model) {
        List<Library> all = libraries.list();
        model.addAttribute("libraries", all);
        Library chosen = library != null ? libraries.get(library) : all.isEmpty() ? null : all.get(0);
        model.addAttribute("library", chosen);
        if (chosen != null) {
            OrganizeSettings current = settings.get(chosen.getId());
            model.addAttribute("settings", current);
            Map<String, String> own = new LinkedHashMap<>();
            for (ItemKind kind : ItemKind.values()) own.put(kind.value(), current.templates().getOrDefault(kind, ""));
            model.addAttribute("own", own);
            model.addAttribute("defaults", current.effectiveTemplates());
            model.addAttribute("runs", runs.runs(chosen.getId()));
        }
        model.addAttribute("variables", PathTemplate.VARIABLES.keySet());
        return "organize/organize";
    }

    @PostMapping("/organize/libraries/{id}/settings")
    String save(@PathVariable long id, @RequestParam(defaultValue = "move") String mode, @RequestParam(defaultValue = "") String destination,
                @RequestParam Map<String, String> form, RedirectAttributes flash) {
        Map<String, String> templates = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith("template.")) templates.put(name.substring("template.".length()), value);
        });
        try {
            settings.save(id, OrganizeSettings.of(mode, destination, templates, "true".equals(form.get("xmpIntoOriginals"))));
            flash.addFlashAttribute("message", "Saved. Preview to see what would move.");
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/organize?library=" + id;
    }

    @PostMapping("/organize/libraries/{id}/preview")
    String preview(@PathVariable long id, RedirectAttributes flash) {
        try {
            return "redirect:/organize/runs/" + preview.preview(id).id();
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("problem", e.getMessage());
            return "redirect:/organize?library=" + id;
        }
    }

    @PostMapping("/organize/libraries/{id}/sidecars")
    String sidecars(@PathVariable long id, RedirectAttributes flash) {
        flash.addFlashAttribute("message", "Writing XMP sidecars as job " + sidecars.submit(id).getId() + " (see Jobs).");
        return "redirect:/organize?library=" + id;
    }

    @GetMapping("/organize/runs/{id}")
    String run(@PathVariable long id, @RequestParam(required = false) String state, @RequestParam(defaultValue = "0") int offset, Model model) {
        OrganizeRuns.Run run = runs.run(id);
        OrganizeRuns.State shown = null;
        if (state != null && !state.isBlank()) {
            try {
                shown = OrganizeRuns.State.of(state);
            } catch (IllegalArgumentException e) {
                model.addAttribute("problem", "state: '" + state + "' is not a state of a move");
            }
        }
        int from = Math.max(0, offset);
        model.addAttribute("run", run);
        model.addAttribute("library", libraries.get(run.libraryId()));
        model.addAttribute("state", shown == null ? "" : shown.value());
        model.addAttribute("states", List.of(OrganizeRuns.State.values()).stream().map(OrganizeRuns.State::value).toList());
        List<OrganizeRuns.Move> moves = runs.moves(id, shown, from, PAGE + 1);
        model.addAttribute("moves", moves.subList(0, Math.min(PAGE, moves.size())).stream().map(m -> Row.of(run, m)).toList());
        model.addAttribute("next", moves.size() > PAGE ? from + PAGE : null);
        return "organize/run";
    }

    /** A move as the page shows it: paths within the run's source and destination folders. */
    record Row(String from, String to, boolean sidecar, String state, String reason) {
        static Row of(OrganizeRuns.Run run, OrganizeRuns.Move move) {
            return new Row(within(run.sourceRoot(), move.sourcePath()), move.targetPath() == null ? "(removed)" : within(run.destination(), move.targetPath()),
                    move.sidecarOf() != null, move.state().value(), move.reason());
        }

        private static String within(String root, String path) {
            return path.startsWith(root + "/") ? path.substring(root.length() + 1) : path;
        }
    }

    @PostMapping("/organize/runs/{id}/apply")
    String apply(@PathVariable long id, RedirectAttributes flash) {
        try {
            flash.addFlashAttribute("message", "Applying as job " + applier.submit(id).getId() + " (see Jobs); reload to follow the moves.");
        } catch (IllegalStateException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/organize/runs/" + id;
    }

    @PostMapping("/organize/runs/{id}/undo")
    String undo(@PathVariable long id, RedirectAttributes flash) {
        try {
            OrganizeRuns.Run back = undo.undo(id);
            flash.addFlashAttribute("message", "This is the undo of run " + id + ": review it, then apply it.");
            return "redirect:/organize/runs/" + back.id();
        } catch (IllegalStateException e) {
            flash.addFlashAttribute("problem", e.getMessage());
            return "redirect:/organize/runs/" + id;
        }
    }
}
