package org.archivist.catalog;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Tags, people and studios to browse by, and collections in their own order (moved up and down). */
@Controller
class CurationPages {

    private final TagService tags;
    private final PeopleService people;
    private final CollectionService collections;

    private final CatalogAccess access;
    private final org.archivist.access.Callers callers;

    CurationPages(TagService tags, PeopleService people, CollectionService collections, CatalogAccess access,
                  org.archivist.access.Callers callers) {
        this.access = access;
        this.callers = callers;
        this.tags = tags;
        this.people = people;
        this.collections = collections;
    }

    @GetMapping("/tags")
    String tags(Model model) {
        model.addAttribute("tags", tags.list(null));
        model.addAttribute("people", people.people());
        model.addAttribute("studios", people.studios());
        return "catalog/tags";
    }

    @GetMapping("/collections")
    String collections(Model model) {
        org.archivist.access.Caller caller = callers.current();
        model.addAttribute("collections", collections.list().stream().map(c -> access.shown(c, caller)).toList());
        return "catalog/collections";
    }

    @PostMapping("/collections")
    String create(@RequestParam String name, RedirectAttributes flash) {
        try {
            CollectionSchemas.Response made = collections.create(new CollectionSchemas.Create(name.strip(), null));
            return "redirect:/collections/" + made.id();
        } catch (RuntimeException e) {
            flash.addFlashAttribute("problem", e.getMessage());
            return "redirect:/collections";
        }
    }

    @GetMapping("/collections/{id}")
    String collection(@PathVariable long id, Model model) {
        model.addAttribute("collection", access.shown(collections.get(id), callers.current()));
        return "catalog/collection";
    }

    @PostMapping("/collections/{id}/items/{item}/move")
    String move(@PathVariable long id, @PathVariable long item, @RequestParam int position, RedirectAttributes flash) {
        access.item(item, callers.current());
        try {
            collections.move(id, item, new CurationSchemas.Move(Math.max(0, position)));
        } catch (RuntimeException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/collections/" + id;
    }

    @PostMapping("/collections/{id}/items/{item}/remove")
    String remove(@PathVariable long id, @PathVariable long item) {
        access.item(item, callers.current());
        collections.remove(id, item);
        return "redirect:/collections/" + id;
    }
}
