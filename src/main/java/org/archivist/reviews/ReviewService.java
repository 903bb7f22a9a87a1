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

    ReviewService(ReviewRepository reviews, UserFavoriteRepository favorites, ItemService items, UserService users) {
        this.reviews = reviews;
        this.favorites = favorites;
        this.items = items;
        this.users = users;
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
