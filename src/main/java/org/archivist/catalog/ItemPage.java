package org.archivist.catalog;

import java.util.Arrays;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An item's page, and the changes a person makes on it or on a selection in the grid: the same
 * services and validation as the API, then back to the page with what was done (or why not).
 */
@Controller
class ItemPage {

    private final ItemService items;
    private final CurationService curation;
    private final CollectionService collections;
    private final PeopleService people;

    private final CatalogAccess access;
    private final org.archivist.access.Callers callers;

    private final List<ItemPageSection> sections;

    private final ItemFields fields;

    ItemPage(ItemService items, CurationService curation, CollectionService collections, PeopleService people, CatalogAccess access,
             org.archivist.access.Callers callers, List<ItemPageSection> sections, ItemFields fields) {
        this.fields = fields;
        this.sections = sections;
        this.access = access;
        this.callers = callers;
        this.items = items;
        this.curation = curation;
        this.collections = collections;
        this.people = people;
    }

    @GetMapping("/items/{id}")
    String item(@PathVariable long id, Model model) {
        access.item(id, callers.current());
        ItemSchemas.Detail detail = access.shown(items.detail(id), callers.current());
        model.addAttribute("detail", detail);
        model.addAttribute("primary", detail.files().stream().filter(f -> f.status() != FileStatus.MISSING).findFirst()
                .orElse(detail.files().isEmpty() ? null : detail.files().get(0)));
        model.addAttribute("allCollections", collections.list());
        model.addAttribute("allPeople", people.people());
        model.addAttribute("allStudios", people.studios());
        model.addAttribute("roles", PersonRole.values());
        model.addAttribute("locks", fields.locks(id));
        model.addAttribute("isbn10", detail.item().isbn() == null ? null : Isbn.toIsbn10(detail.item().isbn()));
        for (ItemPageSection section : sections) section.addTo(id, callers.current(), model);
        return "catalog/item";
    }

    @PostMapping("/items/{id}/title")
    String title(@PathVariable long id, @RequestParam String title, RedirectAttributes flash) {
        return done(id, flash, () -> items.update(id, new ItemSchemas.Update(title, null, null, null, null, null)), "Title changed.");
    }

    /** A book's ISBN, as ISBN-10 or 13 in any spelling (stored as ISBN-13); an empty one clears it. */
    @PostMapping("/items/{id}/isbn")
    String isbn(@PathVariable long id, @RequestParam(defaultValue = "") String isbn, RedirectAttributes flash) {
        return done(id, flash, () -> items.update(id, new ItemSchemas.Update(null, null, null, isbn.strip(), null, null)),
                isbn.isBlank() ? "ISBN cleared." : "ISBN set.");
    }

    /** Lifts a field's lock: analysis plans may propose for it again. */
    @PostMapping("/items/{id}/locks/{field}/unlock")
    String unlock(@PathVariable long id, @PathVariable String field, RedirectAttributes flash) {
        return done(id, flash, () -> fields.unlock(id, field), "Unlocked: plans may propose a " + field + " again.");
    }

    @PostMapping("/items/{id}/tags")
    String addTag(@PathVariable long id, @RequestParam String name, RedirectAttributes flash) {
        return done(id, flash, () -> {
            if (name.isBlank()) throw new IllegalArgumentException("name: a tag needs a name");
            long tag = items.findOrCreateTag(name, null).getId();
            curation.apply(callers.current(), new CurationSchemas.Change(List.of(id), null, List.of(tag), null, null, null, null, null, null, null));
        }, "Tag added.");
    }

    @PostMapping("/items/{id}/tags/{tag}/remove")
    String removeTag(@PathVariable long id, @PathVariable long tag, RedirectAttributes flash) {
        return done(id, flash, () -> curation.apply(callers.current(), new CurationSchemas.Change(List.of(id), null, null, List.of(tag), null, null, null, null,
                null, null)), "Tag removed.");
    }

    /** A person credited by name (found in any letter case, or created) with a role. */
    @PostMapping("/items/{id}/people")
    String addPerson(@PathVariable long id, @RequestParam String name, @RequestParam String role, RedirectAttributes flash) {
        return done(id, flash, () -> {
            PersonRole credited = org.archivist.db.StoredEnum.parse("role", PersonRole.class, role);
            if (credited == null) throw new IllegalArgumentException("role: required");
            long person = people.personNamed(name).getId();
            curation.apply(callers.current(), new CurationSchemas.Change(List.of(id), null, null, null, List.of(new CurationSchemas.Credit(person, credited)),
                    null, null, null, null, null));
        }, "Person added.");
    }

    @PostMapping("/items/{id}/people/{person}/{role}/remove")
    String removePerson(@PathVariable long id, @PathVariable long person, @PathVariable String role, RedirectAttributes flash) {
        return done(id, flash, () -> curation.apply(callers.current(), new CurationSchemas.Change(List.of(id), null, null, null, null,
                List.of(new CurationSchemas.Credit(person, org.archivist.db.StoredEnum.parse("role", PersonRole.class, role))), null, null,
                null, null)), "Person removed.");
    }

    /** The studio by name (found or created); an empty name clears it. */
    @PostMapping("/items/{id}/studio")
    String studio(@PathVariable long id, @RequestParam(defaultValue = "") String name, RedirectAttributes flash) {
        return done(id, flash, () -> curation.apply(callers.current(), name.isBlank()
                ? new CurationSchemas.Change(List.of(id), null, null, null, null, null, null, true, null, null)
                : new CurationSchemas.Change(List.of(id), null, null, null, null, null, people.studioNamed(name).getId(), null, null, null)),
                name.isBlank() ? "Studio cleared." : "Studio set.");
    }

    @PostMapping("/items/{id}/collections")
    String addToCollection(@PathVariable long id, @RequestParam long collection, RedirectAttributes flash) {
        return done(id, flash, () -> collections.append(collection, List.of(id)), "Added to the collection.");
    }

    /**
     * A change to the items selected in the grid, or, with {@code allMatching}, to every item the
     * grid's filters match (they come along as the same parameters the grid's URL has): tags added or
     * removed, a person credited by name, the items put in a collection. The API's bulk change does it.
     */
    @PostMapping("/items/bulk")
    String bulk(@RequestParam(defaultValue = "") String items, @RequestParam(defaultValue = "false") boolean allMatching,
                @ModelAttribute TimelinePage.Filters filters, @RequestParam(defaultValue = "") String addTag,
                @RequestParam(required = false) Long removeTag, @RequestParam(defaultValue = "") String addPerson,
                @RequestParam(defaultValue = "performer") String personRole, @RequestParam(required = false) Long addToCollection,
                @RequestParam(defaultValue = "/") String returnTo, RedirectAttributes flash) {
        String back = localPath(returnTo);
        try {
            List<Long> ids = allMatching ? null
                    : Arrays.stream(items.split(",")).filter(s -> !s.isBlank()).map(String::strip).map(Long::parseLong).toList();
            if (ids != null && ids.isEmpty()) throw new IllegalArgumentException("items: nothing is selected");
            if (addTag.isBlank() && removeTag == null && addPerson.isBlank() && addToCollection == null) {
                throw new IllegalArgumentException("change: choose a tag to add or remove, a person, or a collection");
            }
            List<Long> added = addTag.isBlank() ? null : List.of(this.items.findOrCreateTag(addTag, null).getId());
            List<CurationSchemas.Credit> credited = null;
            if (!addPerson.isBlank()) {
                PersonRole role = org.archivist.db.StoredEnum.parse("personRole", PersonRole.class, personRole);
                credited = List.of(new CurationSchemas.Credit(people.personNamed(addPerson).getId(), role));
            }
            int changed = curation.apply(callers.current(), new CurationSchemas.Change(ids, allMatching ? filters.filter() : null, added,
                    removeTag == null ? null : List.of(removeTag), credited, null, null, null, addToCollection, null));
            flash.addFlashAttribute("message", "Changed " + changed + (changed == 1 ? " item." : " items."));
        } catch (NumberFormatException e) {
            flash.addFlashAttribute("problem", "items: not a list of item ids");
        } catch (RuntimeException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        // RedirectView would expand "{...}" in the target as URI variables: hand it over as a view instead.
        return "redirect:" + back.replace("{", "%7B").replace("}", "%7D");
    }

    /** A path on this server, or "/": never a redirect to another site ("//host", "/\\host", a scheme, control characters). */
    static String localPath(String target) {
        if (target == null || !target.startsWith("/") || target.startsWith("//") || target.contains("\\")
                || target.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "/";
        }
        try {
            java.net.URI uri = new java.net.URI(target);
            return uri.getScheme() == null && uri.getRawAuthority() == null ? uri.toASCIIString() : "/";
        } catch (java.net.URISyntaxException e) {
            return "/";
        }
    }

    /** A change to one item, after checking the caller may see it (not: "not found", as if it did not exist). */
    private String done(long id, RedirectAttributes flash, Runnable change, String message) {
        access.item(id, callers.current());
        try {
            change.run();
            flash.addFlashAttribute("message", message);
        } catch (org.archivist.db.NotFoundException e) {
            throw e;
        } catch (RuntimeException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/items/" + id;
    }
}
