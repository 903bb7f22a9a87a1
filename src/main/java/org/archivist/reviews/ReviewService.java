package org.archivist.reviews;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.archivist.accounts.User;
import org.archivist.accounts.UserService;
import org.archivist.catalog.Item;
import org.archivist.catalog.ItemService;
import org.archivist.db.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reviews and favourites. Every write recomputes the item's average rating and review count
 * from the review rows in the same transaction, with the item locked, so they are always exact.
 */
@Service
public class ReviewService {

    private final ReviewRepository reviews;
    private final UserFavoriteRepository favorites;
    private final ItemService items;
    private final UserService users;

    private final org.springframework.jdbc.core.JdbcTemplate jdbc;
    private final org.archivist.validation.RequestValidator validator;
    private final org.archivist.catalog.CatalogAccess access;

    ReviewService(ReviewRepository reviews, UserFavoriteRepository favorites, ItemService items, UserService users,
                  org.springframework.jdbc.core.JdbcTemplate jdbc, org.archivist.validation.RequestValidator validator,
                  org.archivist.catalog.CatalogAccess access) {
        this.validator = validator;
        this.access = access;
        this.reviews = reviews;
        this.favorites = favorites;
        this.items = items;
        this.users = users;
        this.jdbc = jdbc;
    }

    /**
     * The favourites and reviews of item {@code from} go to item {@code to} (a person's review of
     * both stays where it was, as they cannot review one item twice); both ratings are recomputed.
     * Runs in the caller's transaction, e.g. when a discarded copy's item merges into the kept one.
     */
    @Transactional
    public void moveToItem(long from, long to) {
        if (from == to) return;
        Item kept = items.lockForRatingUpdate(to);
        Item gone = items.lockForRatingUpdate(from);
        jdbc.update("""
                INSERT INTO user_favorites (user_id, item_id, created_at) SELECT user_id, ?, created_at FROM user_favorites
                WHERE item_id = ? AND user_id NOT IN (SELECT user_id FROM user_favorites WHERE item_id = ?)""", to, from, to);
        jdbc.update("UPDATE reviews SET item_id = ? WHERE item_id = ? AND user_id NOT IN (SELECT user_id FROM reviews WHERE item_id = ?)",
                to, from, to);
        refreshRating(kept);
        refreshRating(gone);
    }

    @Transactional
    public Review create(long userId, ReviewSchemas.Create request) {
        Item item = items.lockForRatingUpdate(request.itemId());
        User user = users.get(userId);
        Review review = reviews.saveAndFlush(new Review(user, item, request.rating(), request.reviewText()));
        refreshRating(item);
        return review;
    }

    @Transactional
    public Review update(long reviewId, ReviewSchemas.Update request) {
        Review review = get(reviewId);
        Item item = items.lockForRatingUpdate(review.getItem().getId());
        if (request.rating() != null) {
            review.setRating(request.rating());
        }
        if (request.reviewText() != null) {
            review.setReviewText(request.reviewText());
        }
        reviews.flush();
        refreshRating(item);
        return review;
    }

    @Transactional
    public void delete(long reviewId) {
        Review review = get(reviewId);
        Item item = items.lockForRatingUpdate(review.getItem().getId());
        reviews.delete(review);
        reviews.flush();
        refreshRating(item);
    }

    /** The user's own review of the item, made or changed: one per person and item (rating 1-5, text optional). */
    @Transactional
    public ReviewSchemas.Response rate(long userId, long itemId, ReviewSchemas.Rating rating) {
        validator.validate(rating);
        var existing = reviews.findByUserIdAndItemId(userId, itemId);
        Review review = existing.isEmpty() ? create(userId, new ReviewSchemas.Create(itemId, rating.rating(), blankToNull(rating.reviewText())))
                : update(existing.get().getId(), new ReviewSchemas.Update(rating.rating(), rating.reviewText() == null ? "" : rating.reviewText()));
        return ReviewSchemas.Response.of(review); // read in the transaction: its author is loaded lazily
    }

    /** Removes the user's own review of the item, if any. */
    @Transactional
    public boolean unrate(long userId, long itemId) {
        var existing = reviews.findByUserIdAndItemId(userId, itemId);
        existing.ifPresent(review -> delete(review.getId()));
        return existing.isPresent();
    }

    @Transactional(readOnly = true)
    public java.util.List<ReviewSchemas.Response> ofItem(long itemId) {
        return reviews.findByItemIdOrderByUpdatedAtDesc(itemId).stream().map(ReviewSchemas.Response::of).toList();
    }

    /** The signed-in person who reviews the item, after checking they may see it (else "not found"). */
    public long reviewer(long itemId, org.archivist.access.Caller caller) {
        access.item(itemId, caller);
        if (caller.userId() == null) throw new IllegalArgumentException("user: reviews and favourites are a signed-in person's");
        return caller.userId();
    }

    @Transactional(readOnly = true)
    public boolean isFavorite(long userId, long itemId) {
        return favorites.findByUserIdAndItemId(userId, itemId).isPresent();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    @Transactional(readOnly = true)
    public Review get(long reviewId) {
        return reviews.findById(reviewId).orElseThrow(() -> new NotFoundException("review", reviewId));
    }

    @Transactional
    public UserFavorite addFavorite(long userId, long itemId) {
        return favorites.findByUserIdAndItemId(userId, itemId)
                .orElseGet(() -> favorites.save(new UserFavorite(users.get(userId), items.get(itemId))));
    }

    @Transactional
    public void removeFavorite(long userId, long itemId) {
        favorites.findByUserIdAndItemId(userId, itemId).ifPresent(favorites::delete);
    }

    private void refreshRating(Item item) {
        Object[] summary = reviews.summarize(item.getId()).get(0);
        int count = ((Number) summary[0]).intValue();
        long sum = ((Number) summary[1]).longValue();
        BigDecimal average = count == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
        item.applyRatingSummary(average, count);
    }
}
