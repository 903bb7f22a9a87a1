package org.archivist.reviews;

import java.util.List;
import java.util.Map;

import org.archivist.access.Caller;
import org.archivist.access.Callers;
import org.archivist.catalog.CatalogAccess;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ratings, reviews and favourites of an item, each person their own: the item must be in one of the
 * caller's libraries (else "not found"), and the item's average and count stay exact.
 */
@RestController
class ReviewController {

    private final ReviewService reviews;
    private final CatalogAccess access;
    private final Callers callers;

    ReviewController(ReviewService reviews, CatalogAccess access, Callers callers) {
        this.reviews = reviews;
        this.access = access;
        this.callers = callers;
    }

    @GetMapping("/api/items/{id}/reviews")
    List<ReviewSchemas.Response> list(@PathVariable long id) {
        access.item(id, callers.current());
        return reviews.ofItem(id);
    }

    /** {@code {"rating": 1-5, "reviewText": "..."}}: the caller's own review, made or changed. */
    @PutMapping("/api/items/{id}/review")
    ReviewSchemas.Response rate(@PathVariable long id, @RequestBody ReviewSchemas.Rating rating) {
        long user = person(id);
        return reviews.rate(user, id, rating);
    }

    @DeleteMapping("/api/items/{id}/review")
    ResponseEntity<Void> unrate(@PathVariable long id) {
        reviews.unrate(person(id), id);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/api/items/{id}/favorite")
    Map<String, Boolean> favorite(@PathVariable long id) {
        reviews.addFavorite(person(id), id);
        return Map.of("favorite", true);
    }

    @DeleteMapping("/api/items/{id}/favorite")
    Map<String, Boolean> unfavorite(@PathVariable long id) {
        reviews.removeFavorite(person(id), id);
        return Map.of("favorite", false);
    }

    private long person(long itemId) {
        return reviews.reviewer(itemId, callers.current());
    }
}
