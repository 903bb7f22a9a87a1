package org.archivist.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.archivist.testing.ApiTest;
import org.archivist.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edits made in another tool arrive by themselves: a scan that finds an XMP sidecar new or changed
 * queues the xmp_sidecars analysis, whose plan waits for a person; a scan that finds none changed,
 * or sidecars holding nothing new, makes no plan.
 */
class SidecarEditsApiTest extends ApiTest {

    @TempDir
    Path temp;

    @Test
    void aScanThatFindsAnEditedSidecarQueuesAPlanOfItsEditsAndNothingElse() throws Exception {
        Path root = Files.createDirectories(temp.resolve("photos"));
        Files.copy(Corpus.media().resolve("images/DSCN0010.jpg"), root.resolve("DSCN0010.jpg"));
        String name = unique("sidecars");
        long library = post("/api/libraries", "{\"name\": \"" + name + "\", \"rootPath\": \"" + root + "\"}").json().get("id").asLong();
        String plans = "SELECT count(*) FROM analysis_plans WHERE name = 'Edits in XMP sidecars of " + name + "'";

        scan(library);
        assertThat(count(plans)).as("no sidecar, no plan").isZero();

        // digiKam writes a tag into the photo's sidecar.
        Files.writeString(root.resolve("DSCN0010.jpg.xmp"), """
                <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
                <dc:subject><rdf:Bag><rdf:li>Harbour</rdf:li></rdf:Bag></dc:subject>
                </rdf:Description></rdf:RDF></x:xmpmeta>""");
        scan(library);
        // The analysis is queued when the scan's job ends, and its plan is "reviewing" once every change is in.
        awaitCount(plans + " AND status = 'reviewing'", 1);
        assertThat(jdbc().queryForList("""
                SELECT CAST(c.proposed_value AS TEXT) FROM plan_changes c JOIN analysis_plans p ON p.id = c.plan_id
                WHERE p.name = 'Edits in XMP sidecars of %s' AND c.field = 'tag'""".formatted(name), String.class))
                .singleElement().asString().contains("Harbour");
        assertThat(jdbc().queryForObject("SELECT status FROM analysis_plans WHERE name = 'Edits in XMP sidecars of " + name + "'", String.class))
                .as("proposed, for a person to review").isEqualTo("reviewing");

        // Scanned again with nothing changed: no second plan.
        scan(library);
        awaitIdle();
        assertThat(count(plans)).isEqualTo(1);
    }

    private void scan(long library) throws InterruptedException {
        long job = post("/api/libraries/" + library + "/scan").json().get("id").asLong();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!List.of("completed", "failed").contains(jdbc().queryForObject("SELECT status FROM jobs WHERE id = ?", String.class, job))) {
            if (System.nanoTime() > deadline) throw new AssertionError("scan job " + job + " did not end");
            Thread.sleep(50);
        }
        awaitIdle();
    }

    /**
     * Until no job waits or runs (the follow-ups of a scan: hashing, thumbnails, an analysis), twice
     * a second apart: a follow-up is queued just after the job it follows has ended.
     */
    private void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        for (int quiet = 0; quiet < 2; quiet++) {
            while (count("SELECT count(*) FROM jobs WHERE status IN ('pending', 'running')") > 0) {
                if (System.nanoTime() > deadline) throw new AssertionError("jobs still running after 60 s");
                Thread.sleep(50);
            }
            Thread.sleep(1_000);
        }
    }

    private void awaitCount(String sql, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (count(sql) < expected) {
            if (System.nanoTime() > deadline) throw new AssertionError(sql + " stayed under " + expected);
            Thread.sleep(50);
        }
    }

    private int count(String sql) {
        return jdbc().queryForObject(sql, Integer.class);
    }
}
