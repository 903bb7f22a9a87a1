package org.archivist.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.archivist.testing.ApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/** Curation through the real server: tags, people, studios, collections, item edits and bulk changes, on both engines. */
class CurationApiTest extends ApiTest {

    @TempDir
    Path temp;

    /** A scanned library of {@code count} notes; returns its item ids. */
    private List<Long> items(int count) throws Exception {
        Path root = Files.createDirectories(temp.resolve(unique("notes")));
        for (int i = 0; i < count; i++) Files.writeString(root.resolve("note-" + i + ".txt"), "note " + i);
        long library = post("/api/libraries", "{\"name\": \"" + unique("curation") + "\", \"rootPath\": \"" + root + "\"}").json().get("id").asLong();
        assertThat(awaitJob(post("/api/libraries/" + library + "/scan").json().get("id").asLong()).get("status").asString()).isEqualTo("completed");
        return jdbc().queryForList("SELECT item_id FROM files WHERE library_id = ? ORDER BY item_id", Long.class, library);
    }

    private static String ids(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }

    @Test
    void tagsAreUniqueWhateverTheirCaseAndBulkChangesAreAtomic() throws Exception {
        String name = unique("Holiday");
        Answer tag = post("/api/tags", "{\"name\": \"" + name + "\", \"color\": \"#1a5fb4\", \"category\": \"event\"}");
        assertThat(tag.status()).isEqualTo(201);
        long tagId = tag.json().get("id").asLong();
        assertThat(post("/api/tags", "{\"name\": \"" + name.toUpperCase() + "\"}").detail()).contains("already exists");
        assertThat(post("/api/tags", "{\"name\": \"x\", \"color\": \"blue\"}").detail()).startsWith("color: ").contains("#rrggbb")
                .doesNotContain("Schemas");
        assertThat(get("/api/tags?category=event").json().findValuesAsString("name")).contains(name);

        List<Long> items = items(1000);
        Answer bulk = post("/api/items/bulk", "{\"items\": " + ids(items) + ", \"addTags\": [" + tagId + "]}");
        assertThat(bulk.json().get("items").asInt()).isEqualTo(1000);
        assertThat(count("SELECT count(*) FROM item_tags WHERE tag_id = ?", tagId)).isEqualTo(1000);

        List<Long> withAStranger = new ArrayList<>(items.subList(0, 10));
        withAStranger.add(987654321L);
        Answer refused = post("/api/items/bulk", "{\"items\": " + ids(withAStranger) + ", \"removeTags\": [" + tagId + "]}");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.detail()).contains("item 987654321");
        assertThat(count("SELECT count(*) FROM item_tags WHERE tag_id = ?", tagId)).as("nothing changed").isEqualTo(1000);

        Answer byFilter = post("/api/items/bulk", "{\"filter\": {\"tag\": [" + tagId + "], \"q\": \"note\"}, \"removeTags\": [" + tagId + "]}");
        assertThat(byFilter.status()).as(byFilter.body()).isEqualTo(200);
        assertThat(byFilter.json().get("items").asInt()).isEqualTo(1000);
        assertThat(count("SELECT count(*) FROM item_tags WHERE tag_id = ?", tagId)).isZero();
        assertThat(post("/api/items/bulk", "{\"addTags\": [" + tagId + "]}").detail()).contains("items: give either items");

        long person = post("/api/people", "{\"name\": \"" + unique("Ada") + "\"}").json().get("id").asLong();
        post("/api/items/bulk", "{\"items\": " + ids(items.subList(0, 3)) + ", \"addPeople\": [{\"personId\": " + person + ", \"role\": \"author\"}]}");
        JsonNode detail = get("/api/items/" + items.get(0)).json();
        assertThat(detail.get("item").get("people").get(0).get("role").asString()).isEqualTo("author");
        assertThat(post("/api/items/bulk", "{\"items\": [" + items.get(0) + "], \"addPeople\": [{\"personId\": " + person + ", \"role\": \"singer\"}]}")
                .detail()).contains("role");

        long parent = post("/api/studios", "{\"name\": \"" + unique("Parent") + "\"}").json().get("id").asLong();
        long child = post("/api/studios", "{\"name\": \"" + unique("Child") + "\", \"parentId\": " + parent + "}").json().get("id").asLong();
        assertThat(patch("/api/studios/" + parent, "{\"parentId\": " + child + "}").detail()).contains("parentId");
        post("/api/items/bulk", "{\"items\": [" + items.get(1) + "], \"studio\": " + child + "}");
        assertThat(get("/api/items/" + items.get(1)).json().get("item").get("studio").get("id").asLong()).isEqualTo(child);

        Answer renamed = patch("/api/items/" + items.get(2), "{\"title\": \"A better title\"}");
        assertThat(renamed.json().get("item").get("title").asString()).isEqualTo("A better title");
        assertThat(patch("/api/items/" + items.get(2), "{\"title\": \"" + "t".repeat(501) + "\"}").detail()).contains("title");

        // A person's other names are answered with the person, in the list and alone (they were a server error once).
        long named = post("/api/people", "{\"name\": \"" + unique("Ada") + "\"}").json().get("id").asLong();
        assertThat(patch("/api/people/" + named, "{\"aliases\": [\"Countess of Lovelace\"]}").json().get("aliases").toString()).contains("Countess of Lovelace");
        assertThat(get("/api/people/" + named).json().get("aliases").toString()).contains("Countess of Lovelace");
        assertThat(get("/api/people").status()).isEqualTo(200);

        // A person's edit locks the field (plans leave it alone), the item page shows it, and the lock can be lifted.
        String locks = "/api/items/" + items.get(2) + "/locks";
        assertThat(get(locks).json().get("locked").toString()).contains("title");
        assertThat(get("/api/items/" + items.get(1) + "/locks").json().get("locked").toString()).as("the bulk studio change locks the studio").contains("studio");
        assertThat(get("/items/" + items.get(2)).body()).contains("Locked fields");
        assertThat(delete(locks + "/title").status()).isLessThan(300);
        assertThat(get(locks).json().get("locked").toString()).doesNotContain("title");
        assertThat(get("/items/" + items.get(2)).body()).doesNotContain("Locked fields");
    }

    @Test
    void collectionPositionsStayDenseAndStableAlsoUnderConcurrentReordering() throws Exception {
        List<Long> items = items(12);
        long collection = post("/api/collections", "{\"name\": \"" + unique("best") + "\"}").json().get("id").asLong();
        for (Long item : items) post("/api/collections/" + collection + "/items", "{\"itemId\": " + item + "}");
        JsonNode moved = post("/api/collections/" + collection + "/items", "{\"itemId\": " + items.get(11) + ", \"position\": 0}").json();
        assertThat(moved.get("items").get(0).get("itemId").asLong()).isEqualTo(items.get(11));
        JsonNode removed = delete("/api/collections/" + collection + "/items/" + items.get(5)).json();
        assertThat(positions(removed)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(delete("/api/collections/" + collection + "/items/" + items.get(5)).status()).isEqualTo(404);

        List<CompletableFuture<Answer>> moves = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long item = items.get(i % 12 == 5 ? 0 : i % 12);
            int position = (i * 7) % 11;
            moves.add(CompletableFuture.supplyAsync(() ->
                    send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/collections/" + collection + "/items/" + item + "/position"))
                            .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"position\": " + position + "}")))));
        }
        for (CompletableFuture<Answer> move : moves) assertThat(move.get().status()).as(move.get().body()).isIn(200, 409, 503);
        JsonNode after = get("/api/collections/" + collection).json();
        assertThat(positions(after)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(after.get("items").findValuesAsString("itemId")).doesNotHaveDuplicates().hasSize(11);
        assertThat(count("SELECT count(*) FROM collection_items WHERE collection_id = ?", collection)).isEqualTo(11);
    }

    private static List<Integer> positions(JsonNode collection) {
        List<Integer> positions = new ArrayList<>();
        for (JsonNode entry : collection.get("items")) positions.add(entry.get("position").asInt());
        return positions;
    }

    private long count(String sql, Object... arguments) {
        return jdbc().queryForObject(sql, Long.class, arguments);
    }
}
