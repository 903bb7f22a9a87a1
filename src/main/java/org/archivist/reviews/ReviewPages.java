package org.archivist.reviews;

import org.archivist.access.Caller;
import org.archivist.access.Callers;
import org.archivist.catalog.ItemPageSection;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The ratings section of an item's page and its forms: the caller's rating and review, favourite or not, everyone's reviews. */
@Controller
class ReviewPages implements ItemPageSection {

    private final ReviewService reviews;
    private final Callers callers;

    ReviewPages(ReviewService reviews, Callers callers) {
        this.reviews = reviews;
        this.callers = callers;
    }

    @Override
    public void addTo(long itemId, Caller caller, Model model) {
        var all = reviews.ofItem(itemId);
        model.addAttribute("reviews", all);
        model.addAttribute("myReview", caller.userId() == null ? null
                : all.stream().filter(r -> r.user().id() == caller.userId()).findFirst().orElse(null));
        model.addAttribute("favorite", caller.userId() != null && reviews.isFavorite(caller.userId(), itemId));
    }

    @PostMapping("/items/{id}/review")
    String rate(@PathVariable long id, @RequestParam(required = false) Integer rating, @RequestParam(defaultValue = "") String reviewText,
                RedirectAttributes flash) {
        long user = person(id);
        try {
            reviews.rate(user, id, new ReviewSchemas.Rating(rating, reviewText));
            flash.addFlashAttribute("message", "Your rating is saved.");
        } catch (RuntimeException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/items/" + id;
    }

    @PostMapping("/items/{id}/review/delete")
    String unrate(@PathVariable long id, RedirectAttributes flash) {
        reviews.unrate(person(id), id);
        flash.addFlashAttribute("message", "Your review is deleted.");
        return "redirect:/items/" + id;
    }

    @PostMapping("/items/{id}/favorite")
    String favorite(@PathVariable long id, @RequestParam(defaultValue = "true") boolean favorite, RedirectAttributes flash) {
        long user = person(id);
        if (favorite) reviews.addFavorite(user, id);
        else reviews.removeFavorite(user, id);
        flash.addFlashAttribute("message", favorite ? "Added to your favourites." : "Removed from your favourites.");
        return "redirect:/items/" + id;
    }

    private long person(long itemId) {
        return reviews.reviewer(itemId, callers.current());
    }
}
