package org.archivist.reviews;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Request and response shapes of reviews and favourites. */
public final class ReviewSchemas {

    private ReviewSchemas() {
    }

    public record Create(@NotNull @Positive Long itemId, @NotNull @Min(1) @Max(5) Integer rating,
                         @Size(max = 10_000) String reviewText) {
    }

    /** A person's rating of an item, 1 to 5 stars, with an optional text. */
    public record Rating(@NotNull @Min(1) @Max(5) Integer rating, @Size(max = 10_000) String reviewText) {
    }

    public record Update(@Min(1) @Max(5) Integer rating, @Size(max = 10_000) String reviewText) {
    }

    public record Author(long id, String firstName, String lastName) {
    }

    public record Response(long id, long itemId, Author user, int rating, String reviewText,
                           Instant createdAt, Instant updatedAt) {

        public static Response of(Review review) {
            return new Response(review.getId(), review.getItem().getId(),
                    new Author(review.getUser().getId(), review.getUser().getFirstName(), review.getUser().getLastName()),
                    review.getRating(), review.getReviewText(), review.getCreatedAt(), review.getUpdatedAt());
        }
    }

    public record FavoriteCreate(@NotNull @Positive Long itemId) {
    }

    public record FavoriteResponse(long id, long userId, long itemId, Instant createdAt) {

        public static FavoriteResponse of(UserFavorite favorite) {
            return new FavoriteResponse(favorite.getId(), favorite.getUser().getId(), favorite.getItem().getId(),
                    favorite.getCreatedAt());
        }
    }
}
