package org.archivist.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.archivist.testing.EngineTest;
import org.junit.jupiter.api.Test;

/** Create, read, update and delete of the catalogue's entities, and their automatic timestamps. */
class CatalogCrudTest extends EngineTest {

    @Test
    void updatedAtMovesOnUpdateAndCreatedAtStays() throws InterruptedException {
        Tag tag = inTransaction(() -> bean(TagRepository.class).save(new Tag(unique("sunset"))));
        Thread.sleep(5);
        inTransaction(() -> bean(TagRepository.class).findById(tag.getId()).orElseThrow().setDescription("golden hour"));
        Tag read = bean(TagRepository.class).findById(tag.getId()).orElseThrow();
        assertThat(read.getCreatedAt()).isEqualTo(tag.getCreatedAt());
        assertThat(read.getUpdatedAt()).isAfter(tag.getUpdatedAt());
        assertThat(read.getDescription()).isEqualTo("golden hour");
        inTransaction(() -> bean(TagRepository.class).deleteById(tag.getId()));
        assertThat(bean(TagRepository.class).findById(tag.getId())).isEmpty();
    }

    @Test
    void peopleAndStudiosAreCreatedUpdatedAndDeleted() {
        Long personId = inTransaction(() -> bean(PersonRepository.class).save(new Person("Jane Doe")).getId());
        inTransaction(() -> {
            Person person = bean(PersonRepository.class).findById(personId).orElseThrow();
            person.setDisambiguation("the photographer");
            person.setStashId(unique("stash"));
        });
        assertThat(bean(PersonRepository.class).findById(personId).orElseThrow().getDisambiguation()).isEqualTo("the photographer");
        inTransaction(() -> bean(PersonRepository.class).deleteById(personId));
        assertThat(bean(PersonRepository.class).findById(personId)).isEmpty();

        Long[] ids = inTransaction(() -> {
            Studio network = bean(StudioRepository.class).save(new Studio(unique("network")));
            Studio label = new Studio(unique("label"));
            label.setParent(network);
            bean(StudioRepository.class).save(label);
            return new Long[] {network.getId(), label.getId()};
        });
        inTransaction(() -> assertThat(bean(StudioRepository.class).findById(ids[0]).orElseThrow().getChildren())
                .extracting(Studio::getId).containsExactly(ids[1]));
        inTransaction(() -> bean(StudioRepository.class).deleteById(ids[0]));
        inTransaction(() -> assertThat(bean(StudioRepository.class).findById(ids[1]).orElseThrow().getParent()).isNull());
    }

    @Test
    void collectionsKeepTheirItemsInOrder() {
        Long collectionId = inTransaction(() -> {
            ItemRepository items = bean(ItemRepository.class);
            Item first = items.save(new Item(ItemKind.TRACK, "Intro"));
            Item second = items.save(new Item(ItemKind.TRACK, "Verse"));
            Item third = items.save(new Item(ItemKind.TRACK, "Coda"));
            ItemCollection album = new ItemCollection(unique("album"));
            album.add(first);
            album.add(second);
            album.add(third);
            album.add(second); // already there: stays where it is
            return bean(ItemCollectionRepository.class).save(album).getId();
        });
        inTransaction(() -> {
            ItemCollection album = bean(ItemCollectionRepository.class).findById(collectionId).orElseThrow();
            assertThat(album.getEntries()).extracting(e -> e.getItem().getTitle()).containsExactly("Intro", "Verse", "Coda");
            assertThat(album.getEntries().get(0).getAddedAt()).isNotNull();
            Item coda = album.getEntries().get(2).getItem();
            album.move(coda, 0);
            album.remove(album.getEntries().get(2).getItem());
            assertThat(coda.getCollectionEntries()).extracting(CollectionEntry::getCollection).containsExactly(album);
        });
        inTransaction(() -> {
            ItemCollection album = bean(ItemCollectionRepository.class).findById(collectionId).orElseThrow();
            assertThat(album.getEntries()).extracting(e -> e.getItem().getTitle()).containsExactly("Coda", "Intro");
            assertThat(album.getEntries()).extracting(CollectionEntry::getPosition).containsExactly(0, 1);
            assertThat(CollectionSchemas.Response.of(album).items()).extracting(CollectionSchemas.Entry::title)
                    .containsExactly("Coda", "Intro");
        });
        inTransaction(() -> bean(ItemCollectionRepository.class).deleteById(collectionId));
        assertThat(jdbc().queryForObject("SELECT count(*) FROM collection_items WHERE collection_id = ?", Long.class, collectionId)).isZero();
    }

    @Test
    void anItemResponseNestsItsTagsPeopleAndFiles() {
        Long itemId = inTransaction(() -> {
            Library library = bean(LibraryRepository.class).save(new Library(unique("lib"), "/" + unique("root")));
            Item item = bean(ItemRepository.class).save(new Item(ItemKind.SCENE, "Harbour"));
            item.addTag(bean(TagRepository.class).save(new Tag(unique("boats"))));
            item.addPerson(bean(PersonRepository.class).save(new Person("Sam")), PersonRole.PERFORMER);
            CatalogFile file = new CatalogFile(library, "harbour.mp4", 10, java.time.Instant.now(), MediaType.VIDEO);
            file.setItem(item);
            bean(CatalogFileRepository.class).save(file);
            return item.getId();
        });
        ItemSchemas.Response response = inTransaction(() -> ItemSchemas.Response.of(bean(ItemRepository.class).findById(itemId).orElseThrow()));
        assertThat(response.tags()).hasSize(1);
        assertThat(response.people()).extracting(ItemSchemas.Credit::role).containsExactly(PersonRole.PERFORMER);
        assertThat(response.files()).extracting(FileSchemas.Summary::path).containsExactly("harbour.mp4");
        inTransaction(() -> bean(ItemService.class).delete(itemId));
        assertThat(bean(CatalogFileRepository.class).findAll()).filteredOn(f -> f.getPath().equals("harbour.mp4"))
                .allSatisfy(f -> assertThat(f.getItem()).isNull());
    }

    @Test
    void keysetPagesWalkTheFilesOfOneTypeInCreationOrder() {
        Library library = inTransaction(() -> bean(LibraryRepository.class).save(new Library(unique("lib"), "/" + unique("root"))));
        inTransaction(() -> {
            for (int i = 0; i < 25; i++) {
                bean(CatalogFileRepository.class).save(new CatalogFile(library, "page/" + i + ".flac", i, java.time.Instant.now(), MediaType.AUDIO));
            }
        });
        List<CatalogFile> walked = new java.util.ArrayList<>();
        java.time.Instant after = java.time.Instant.EPOCH;
        long afterId = 0;
        while (true) {
            List<CatalogFile> page = bean(CatalogFileRepository.class).pageByMediaType(MediaType.AUDIO.value(), after, afterId, 10);
            if (page.isEmpty()) {
                break;
            }
            walked.addAll(page);
            after = page.get(page.size() - 1).getCreatedAt();
            afterId = page.get(page.size() - 1).getId();
        }
        assertThat(walked).filteredOn(f -> f.getPath().startsWith("page/")).hasSize(25);
        assertThat(walked).extracting(CatalogFile::getId).doesNotHaveDuplicates();
    }
}
