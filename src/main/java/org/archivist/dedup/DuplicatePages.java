package org.archivist.dedup;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The duplicates review: groups a page at a time, members side by side with the best copy first,
 * and the three decisions (keep, discard, not a duplicate), which are recorded and never proposed
 * again. Applying them is the trash's page, which shows every file it would move first.
 */
@Controller
class DuplicatePages {

    static final int GROUPS_PER_PAGE = 20;

    private final DuplicateReview review;

    private final org.archivist.catalog.CatalogAccess access;
    private final org.archivist.access.Callers callers;

    DuplicatePages(DuplicateReview review, org.archivist.catalog.CatalogAccess access, org.archivist.access.Callers callers) {
        this.access = access;
        this.callers = callers;
        this.review = review;
    }

    @GetMapping("/duplicates")
    String groups(@RequestParam(required = false) String match, @RequestParam(required = false) String after, Model model) {
        String matchType = match == null || match.isBlank() ? null : DuplicateController.matchType(match);
        model.addAttribute("page", review.page(matchType, after, GROUPS_PER_PAGE, callers.current().libraries()));
        model.addAttribute("match", match);
        model.addAttribute("currentUrl", org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentRequest()
                .replacePath("/duplicates").build().encode().toUriString().replaceFirst("^[a-z]+://[^/]+", ""));
        return "dedup/duplicates";
    }

    @PostMapping("/duplicates/{file}/keep")
    String keep(@PathVariable long file, @RequestParam(required = false) String back, RedirectAttributes flash) {
        access.file(file, callers.current());
        int marked = review.keep(file, callers.current().libraries());
        flash.addFlashAttribute("message", "Kept; " + marked + " other copies marked to be discarded (nothing moves until you apply).");
        return redirect(back);
    }

    @PostMapping("/duplicates/{file}/discard")
    String discard(@PathVariable long file, @RequestParam(required = false) Long kept, @RequestParam(required = false) String back,
                   RedirectAttributes flash) {
        access.file(file, callers.current());
        if (kept != null) access.file(kept, callers.current());
        review.discard(file, kept);
        flash.addFlashAttribute("message", "Marked to be discarded (nothing moves until you apply).");
        return redirect(back);
    }

    /** Every copy of the group kept: none is proposed again. */
    @PostMapping("/duplicates/{original}/keep-all")
    String keepAll(@PathVariable long original, @RequestParam String match, @RequestParam(required = false) String back, RedirectAttributes flash) {
        try {
            access.file(original, callers.current());
            int kept = review.keepAll(original, org.archivist.db.StoredEnum.parse("match", MatchType.class, match),
                    callers.current().libraries());
            flash.addFlashAttribute("message", "All " + kept + " files kept: this group will not be proposed again.");
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return redirect(back);
    }

    @PostMapping("/duplicates/{file}/not-duplicate")
    String notDuplicate(@PathVariable long file, @RequestParam long other, @RequestParam(required = false) String back, RedirectAttributes flash) {
        access.file(file, callers.current());
        access.file(other, callers.current());
        review.notDuplicates(file, other);
        flash.addFlashAttribute("message", "Not duplicates: this pair will not be proposed again.");
        return redirect(back);
    }

    /** Back to the page of groups one came from (a path on this server only). */
    private static String redirect(String back) {
        return "redirect:" + (back != null && back.startsWith("/duplicates") && !back.startsWith("//") ? back : "/duplicates");
    }
}
