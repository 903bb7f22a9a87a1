package org.archivist.reviews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.archivist.accounts.UserSchemas;
import org.archivist.accounts.UserService;
import org.archivist.catalog.Item;
import org.archivist.catalog.ItemKind;
import org.archivist.catalog.ItemSchemas;
import org.archivist.catalog.ItemService;
import org.archivist.testing.EngineTest;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

class ReviewAggregatesTest extends EngineTest {

    private long user() {
        return bean(UserService.class).register(new UserSchemas.Create(unique("reader") + "@example.org",
                "correct horse battery", "Ada", null, null)).getId();
    }

    private Item item() {
        return bean(ItemService.class).create(new ItemSchemas.Create(ItemKind.BOOK, "Dune", null, null, null, null, null, null));
    }

    private Item reload(long id) {
        return bean(ItemService.class).get(id);
    }

    @Test
    void averageAndCountStayExactThroughCreateUpdateAndDelete() {
        ReviewService reviews = bean(ReviewService.class);
        long item = item().getId();
        Review first = reviews.create(user(), new ReviewSchemas.Create(item, 5, "superb"));
        Review second = reviews.create(user(), new ReviewSchemas.Create(item, 4, null));
        Review third = reviews.create(user(), new ReviewSchemas.Create(item, 4, null));
        assertThat(reload(item).getReviewCount()).isEqualTo(3);
        assertThat(reload(item).getAverageRating()).isEqualByComparingTo(new BigDecimal("4.33"));

        reviews.update(second.getId(), new ReviewSchemas.Update(1, "changed my mind"));
        assertThat(reload(item).getAverageRating()).isEqualByComparingTo(new BigDecimal("3.33"));

        reviews.delete(first.getId());
        assertThat(reload(item).getReviewCount()).isEqualTo(2);
        assertThat(reload(item).getAverageRating()).isEqualByComparingTo(new BigDecimal("2.50"));

        reviews.delete(second.getId());
        reviews.delete(third.getId());
        assertThat(reload(item).getReviewCount()).isZero();
        assertThat(reload(item).getAverageRating()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void oneReviewPerUserAndItemAndAFailedWriteLeavesTheAggregatesAlone() {
        ReviewService reviews = bean(ReviewService.class);
        long item = item().getId();
        long user = user();
        reviews.create(user, new ReviewSchemas.Create(item, 3, null));
        assertThatThrownBy(() -> reviews.create(user, new ReviewSchemas.Create(item, 5, null)))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(reload(item).getReviewCount()).isEqualTo(1);
        assertThat(reload(item).getAverageRating()).isEqualByComparingTo(new BigDecimal("3.00"));
        assertThatThrownBy(() -> reviews.create(user(), new ReviewSchemas.Create(item, 6, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and 5");
    }

    @Test
    void favouritesAreKeptOncePerUserAndItem() {
        ReviewService reviews = bean(ReviewService.class);
        long item = item().getId();
        long user = user();
        UserFavorite first = reviews.addFavorite(user, item);
        UserFavorite again = reviews.addFavorite(user, item);
        assertThat(again.getId()).isEqualTo(first.getId());
        reviews.removeFavorite(user, item);
        assertThat(bean(UserFavoriteRepository.class).findByUserIdAndItemId(user, item)).isEmpty();
    }
}
