package org.archivist.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.archivist.testing.EngineTest;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

class CatalogPersistenceTest extends EngineTest {

    private Library newLibrary() {
        return inTransaction(() -> {
            Library library = new Library(unique("lib"), "/media/" + unique("root"));
            library.setMediaTypes(Set.of(MediaType.IMAGE, MediaType.VIDEO));
            library.setSettings(new LibrarySettings(List.of("**/.thumbnails/**"), true));
            return bean(LibraryRepository.class).save(library);
        });
    }

    @Test
    void libraryRoundTripsJsonAndTimestamps() {
        Library saved = newLibrary();
        Library read = bean(LibraryRepository.class).findById(saved.getId()).orElseThrow();
        assertThat(read.getMediaTypes()).containsExactlyInAnyOrder(MediaType.IMAGE, MediaType.VIDEO);
        assertThat(read.getSettings()).isEqualTo(new LibrarySettings(List.of("**/.thumbnails/**"), true));
        assertThat(read.getCreatedAt()).isEqualTo(saved.getCreatedAt());
        assertThat(read.getUpdatedAt()).isEqualTo(saved.getUpdatedAt());
        assertThat(read.getCreatedAt()).isBetween(Instant.now().minusSeconds(60), Instant.now());
    }

    @Test
    void fileWithMetadataRoundTripsEveryTypeAndInstant() {
        Library library = newLibrary();
        Instant modified = Instant.parse("2019-07-04T23:59:58.123456789Z");
        Instant captured = Instant.parse("2018-03-01T10:15:30.250Z");
        Long fileId = inTransaction(() -> {
            CatalogFile file = new CatalogFile(bean(LibraryRepository.class).getReferenceById(library.getId()),
                    "2018/März/IMG 0001.jpg", 123_456_789_012L, modified, MediaType.IMAGE);
            file.setSha256("a".repeat(64));
            file.setQuickHash("8e245d9679d31e12");
            file.setPhash(-1L);
            file.setCaptureDate(captured, 330, TimestampSource.EXIF, Confidence.HIGH);
            FileMetadata metadata = new FileMetadata();
            metadata.setCameraMake("Canon");
            metadata.setLatitude(-33.8688);
            metadata.setLongitude(151.2093);
            metadata.setDurationSeconds(12.5);
            metadata.setExtra(Map.of("candidates", List.of(Map.of("source", "exif", "value", "2018:03:01 15:45:30"))));
            file.attachMetadata(metadata);
            return bean(CatalogFileRepository.class).save(file).getId();
        });
        CatalogFile read = inTransaction(() -> {
            CatalogFile file = bean(CatalogFileRepository.class).findById(fileId).orElseThrow();
            file.getMetadata().getExtra();
            return file;
        });
        assertThat(read.getFileName()).isEqualTo("IMG 0001.jpg");
        assertThat(read.getSizeBytes()).isEqualTo(123_456_789_012L);
        assertThat(read.getFileModifiedAt()).isEqualTo(Instant.parse("2019-07-04T23:59:58.123Z"));
        assertThat(read.getDetectedAt()).isEqualTo(captured);
        assertThat(read.getDetectedOffsetMinutes()).isEqualTo(330);
        assertThat(read.getTimestampSource()).isEqualTo(TimestampSource.EXIF);
        assertThat(read.getConfidence()).isEqualTo(Confidence.HIGH);
        assertThat(read.getPhash()).isEqualTo(-1L);
        assertThat(read.getStatus()).isEqualTo(FileStatus.PRESENT);
        assertThat(read.getMetadata().getCameraMake()).isEqualTo("Canon");
        assertThat(read.getMetadata().getLatitude()).isEqualTo(-33.8688);
        assertThat(read.getMetadata().getExtra()).containsKey("candidates");
        assertThat(bean(CatalogFileRepository.class).findByLibraryIdAndPath(library.getId(), "2018/März/IMG 0001.jpg")).isPresent();
        if (engine == org.archivist.db.Engine.SQLITE) {
            // one sortable UTC text form, whatever the server's zone (the tests run in Pacific/Chatham)
            String stored = jdbc().queryForObject("SELECT file_modified_at FROM files WHERE id = ?", String.class, fileId);
            assertThat(stored).isEqualTo("2019-07-04 23:59:58.123");
        }
    }

    @Test
    void itemRelationshipsFromBothSides() {
        Long itemId = inTransaction(() -> {
            Studio studio = bean(StudioRepository.class).save(new Studio(unique("studio")));
            Item item = new Item(ItemKind.BOOK, "The Cathedral and the Bazaar");
            item.setIsbn("0-596-00108-8");
            item.setItemDate(LocalDate.of(1999, 10, 1));
            item.setStudio(studio);
            item = bean(ItemRepository.class).save(item);
            Tag tag = bean(TagRepository.class).save(new Tag(unique("open-source")));
            item.addTag(tag);
            Person author = bean(PersonRepository.class).save(new Person("Eric S. Raymond"));
            item.addPerson(author, PersonRole.AUTHOR);
            return item.getId();
        });
        inTransaction(() -> {
            Item item = bean(ItemRepository.class).findById(itemId).orElseThrow();
            assertThat(item.getIsbn()).isEqualTo("9780596001087");
            assertThat(item.getItemDate()).isEqualTo(LocalDate.of(1999, 10, 1));
            assertThat(item.getAverageRating()).isEqualByComparingTo(BigDecimal.ZERO);
            Tag tag = item.getTags().iterator().next();
            assertThat(tag.getItems()).extracting(Item::getId).containsExactly(itemId);
            ItemPerson credit = item.getPeople().get(0);
            assertThat(credit.getRole()).isEqualTo(PersonRole.AUTHOR);
            assertThat(credit.getPerson().getCredits()).extracting(c -> c.getItem().getId()).containsExactly(itemId);
            assertThat(item.getStudio().getItems()).extracting(Item::getId).containsExactly(itemId);
        });
    }

    @Test
    void tagNamesAreUniqueIgnoringCase() {
        String name = unique("Holiday");
        inTransaction(() -> bean(TagRepository.class).save(new Tag(name)));
        assertThatThrownBy(() -> inTransaction(() -> bean(TagRepository.class).save(new Tag(name.toUpperCase()))))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(bean(TagRepository.class).findByNameIgnoringCase(name.toLowerCase())).isPresent();
    }
}
