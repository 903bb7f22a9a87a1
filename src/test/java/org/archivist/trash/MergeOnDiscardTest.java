package org.archivist.trash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.archivist.accounts.UserSchemas;
import org.archivist.accounts.UserService;
import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.dedup.DuplicateDetection;
import org.archivist.dedup.DuplicateReview;
import org.archivist.reviews.ReviewSchemas;
import org.archivist.reviews.ReviewService;
import org.archivist.scan.ScanProgress;
import org.archivist.scan.ScanService;
import org.archivist.testing.EngineTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Applying a discard moves the copy's curation to the kept item, each table through its owner's service. */
class MergeOnDiscardTest extends EngineTest {

    @TempDir
    Path temp;

    @Test
    void theDiscardedCopysTagsPeopleCollectionsFavouritesAndReviewsGoToTheKeptItem() throws Exception {
        byte[] content = new byte[200_000];
        new SplittableRandom(7).nextBytes(content);
        Files.write(temp.resolve("keep.bin"), content);
        Files.write(temp.resolve("copy.bin"), content);
        Library library = bean(LibraryService.class).add(unique("merge"), temp, Set.of(), List.of());
        bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE);
        bean(DuplicateDetection.class).findExact(1, line -> { });
        long keepFile = id("SELECT id FROM files WHERE library_id = ? AND path = 'keep.bin'", library.getId());
        long copyItem = id("SELECT item_id FROM files WHERE library_id = ? AND path = 'copy.bin'", library.getId());
        long keptItem = id("SELECT item_id FROM files WHERE id = ?", keepFile);

        long tag = jdbc().queryForObject("INSERT INTO tags (name) VALUES (?) RETURNING id", Long.class, unique("holiday"));
        jdbc().update("INSERT INTO item_tags (item_id, tag_id) VALUES (?, ?)", copyItem, tag);
        long person = jdbc().queryForObject("INSERT INTO people (name) VALUES (?) RETURNING id", Long.class, unique("Ada"));
        jdbc().update("INSERT INTO item_people (item_id, person_id, role) VALUES (?, ?, 'performer')", copyItem, person);
        long collection = jdbc().queryForObject("INSERT INTO collections (name) VALUES (?) RETURNING id", Long.class, unique("best"));
        jdbc().update("INSERT INTO collection_items (collection_id, item_id, position) VALUES (?, ?, 0)", collection, copyItem);
        long user = bean(UserService.class).register(new UserSchemas.Create(unique("u") + "@example.org", "a long enough password", null, null, null)).getId();
        bean(ReviewService.class).create(user, new ReviewSchemas.Create(copyItem, 4, "good"));
        bean(ReviewService.class).addFavorite(user, copyItem);

        bean(DuplicateReview.class).keep(keepFile);
        assertThat(bean(TrashService.class).applyDiscards().moved()).isEqualTo(1);

        assertThat(id("SELECT count(*) FROM item_tags WHERE item_id = ? AND tag_id = ?", keptItem, tag)).isEqualTo(1);
        assertThat(id("SELECT count(*) FROM item_people WHERE item_id = ? AND person_id = ?", keptItem, person)).isEqualTo(1);
        assertThat(id("SELECT count(*) FROM collection_items WHERE item_id = ? AND collection_id = ?", keptItem, collection)).isEqualTo(1);
        assertThat(id("SELECT count(*) FROM user_favorites WHERE item_id = ? AND user_id = ?", keptItem, user)).isEqualTo(1);
        assertThat(id("SELECT count(*) FROM reviews WHERE item_id = ? AND user_id = ?", keptItem, user)).isEqualTo(1);
        assertThat(id("SELECT review_count FROM items WHERE id = ?", keptItem)).as("the kept item's rating follows").isEqualTo(1);
        assertThat(id("SELECT review_count FROM items WHERE id = ?", copyItem)).isZero();
        assertThat(id("SELECT count(*) FROM user_decisions WHERE file_id = (SELECT id FROM files WHERE library_id = ? AND path = 'copy.bin') "
                + "AND decision_type = 'discard_duplicate' AND applied_at IS NOT NULL", library.getId())).isEqualTo(1);
    }

    private long id(String sql, Object... arguments) {
        return jdbc().queryForObject(sql, Long.class, arguments);
    }
}
