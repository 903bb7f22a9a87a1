package org.archivist.organize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.archivist.catalog.ItemFields;
import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.db.SqlValues;
import org.archivist.plans.AnalysisService;
import org.archivist.plans.AnalysisSettings;
import org.archivist.scan.ScanProgress;
import org.archivist.scan.ScanService;
import org.archivist.testing.EngineTest;
import org.archivist.testing.Programs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** XMP sidecars written as digiKam and darktable read them, merged into other tools' sidecars, and read back as proposals. */
class XmpSidecarTest extends EngineTest {

    @TempDir
    Path temp;

    @Test
    void sidecarsCarryTitleTagsRatingAndDateKeepOtherToolsDataAndEditsComeBackAsProposals() throws Exception {
        Path root = temp.resolve("photos");
        OrganizeTest.write(root.resolve("a.jpg"), 1);
        OrganizeTest.write(root.resolve("b.jpg"), 2);
        OrganizeTest.write(root.resolve("c.jpg"), 3);
        String beach = unique("beach");
        Files.writeString(root.resolve("b.jpg.xmp"), """
                <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                <rdf:Description rdf:about="" xmlns:digiKam="http://www.digikam.org/ns/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
                <digiKam:TagsList><rdf:Seq><rdf:li>Places/Pier</rdf:li></rdf:Seq></digiKam:TagsList>
                <dc:subject><rdf:Bag><rdf:li>Pier</rdf:li></rdf:Bag></dc:subject>
                </rdf:Description></rdf:RDF></x:xmpmeta>""");
        Files.writeString(root.resolve("c.jpg.xmp"), "this is not XMP <<<");
        Library library = bean(LibraryService.class).add(unique("xmp"), root, Set.of(), List.of());
        bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE);
        long a = item(library, "a.jpg");
        long b = item(library, "b.jpg");
        ItemFields fields = bean(ItemFields.class);
        fields.setTitle(a, "Sunset at the pier");
        fields.addTag(a, beach, null);
        fields.addTag(b, beach, null);
        jdbc().update("UPDATE items SET average_rating = 4.4, review_count = 2 WHERE id = ?", a);
        SqlValues values = bean(SqlValues.class);
        jdbc().update("UPDATE files SET detected_at = ?, detected_offset_minutes = 120, timestamp_source = 'exif', confidence = 'high' WHERE library_id = ? AND path = 'a.jpg'",
                ps -> {
                    values.setInstant(ps, 1, Instant.parse("2024-07-14T19:30:00Z"));
                    ps.setLong(2, library.getId());
                });

        SidecarWriter.Report report = bean(SidecarWriter.class).writeNow(library.getId());
        assertThat(report.written()).isEqualTo(2);
        assertThat(report.failed()).singleElement().asString().contains("c.jpg.xmp").contains("not readable XMP");
        assertThat(Files.readString(root.resolve("c.jpg.xmp"))).as("a sidecar that is not XMP is left as it is").isEqualTo("this is not XMP <<<");
        XmpSidecars.Values written = XmpSidecars.read(root.resolve("a.jpg"));
        assertThat(written.title()).isEqualTo("Sunset at the pier");
        assertThat(written.tags()).containsExactly(beach);
        assertThat(written.rating()).isEqualTo(4);
        assertThat(written.capture()).isEqualTo(java.time.LocalDateTime.parse("2024-07-14T21:30:00"));
        assertThat(written.offsetMinutes()).isEqualTo(120);
        String other = Files.readString(root.resolve("b.jpg.xmp"));
        assertThat(other).as("digiKam's own data stays").contains("Places/Pier").contains("Pier").contains(beach);
        assertThat(bean(SidecarWriter.class).writeNow(library.getId()).written()).as("unchanged values are not written again").isZero();
        if (Programs.installed("exiftool")) {
            // Another XMP reader sees the same (ExifTool; without it this cross-check alone is left out, said here).
            Path sidecar = root.resolve("a.jpg.xmp");
            var exif = new ProcessBuilder("exiftool", "-j", "-XMP:Subject", "-XMP:Title", "-XMP:Rating", "-XMP:DateTimeOriginal", sidecar.toString()).start();
            JsonNode read = JsonMapper.builder().build().readTree(exif.getInputStream().readAllBytes()).get(0);
            assertThat(read.path("Title").asString()).isEqualTo("Sunset at the pier");
            assertThat(read.path("Rating").asInt()).isEqualTo(4);
            assertThat(read.path("DateTimeOriginal").asString()).isEqualTo("2024:07:14 21:30:00+02:00");
            assertThat(read.path("Subject").toString()).contains(beach);
        } else {
            System.out.println("XmpSidecarTest: exiftool is not installed (sudo apt-get install libimage-exiftool-perl); the cross-check of the sidecar by ExifTool is left out");
        }
        assertThat(proposals(library)).as("what the sidecars hold is the catalogue's already, except b's own tag").containsExactly("tag " + "Pier");

        // Someone edits a.jpg's sidecar in another tool: a new tag, a new title, a corrected time.
        String xml = Files.readString(root.resolve("a.jpg.xmp"));
        String item = "<rdf:li>" + beach + "</rdf:li>";
        int inSubject = xml.indexOf(item, xml.indexOf("<dc:subject>"));
        String edited = (xml.substring(0, inSubject) + item + "<rdf:li>sunset</rdf:li>" + xml.substring(inSubject + item.length()))
                .replace("Sunset at the pier", "Sunset, Brighton pier").replace("2024-07-14T21:30:00+02:00", "2024-07-14T21:45:00+02:00");
        Files.writeString(root.resolve("a.jpg.xmp"), edited);
        assertThat(proposals(library)).containsExactlyInAnyOrder("tag Pier", "tag sunset", "title Sunset, Brighton pier", "capture_date 2024-07-14T19:45:00Z");

        // A person takes a tag off in Archivist: it leaves the sidecar too, and is not proposed back; the other tool's stays.
        // digiKam had copied b's tag into its tag tree: it leaves that too, or digiKam would write it back.
        Files.writeString(root.resolve("b.jpg.xmp"), Files.readString(root.resolve("b.jpg.xmp"))
                .replace("<rdf:li>Places/Pier</rdf:li>", "<rdf:li>Places/Pier</rdf:li><rdf:li>Archivist/" + beach + "</rdf:li>"));
        fields.removeTag(a, beach);
        fields.removeTag(b, beach);
        bean(SidecarWriter.class).writeNow(library.getId());
        assertThat(XmpSidecars.read(root.resolve("a.jpg")).tags()).containsExactly("sunset");
        assertThat(Files.readString(root.resolve("b.jpg.xmp"))).doesNotContain(beach).contains("Places/Pier").contains("<rdf:li>Pier</rdf:li>");
        assertThat(proposals(library)).doesNotContain("tag " + beach).contains("tag sunset");
    }

    @Test
    void aRawAndItsJpegSharingOneLightroomSidecarEachGetTheirOwn() throws Exception {
        Path root = temp.resolve("pair");
        OrganizeTest.write(root.resolve("IMG_1.CR2"), 1);
        OrganizeTest.write(root.resolve("IMG_1.JPG"), 2);
        String shared = """
                <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt>
                <rdf:li xml:lang="x-default">Lightroom's title</rdf:li><rdf:li xml:lang="fr">Le titre</rdf:li></rdf:Alt></dc:title>
                </rdf:Description></rdf:RDF></x:xmpmeta>""";
        Files.writeString(root.resolve("IMG_1.xmp"), shared);
        Library library = bean(LibraryService.class).add(unique("pair"), root, Set.of(), List.of());
        bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE);
        bean(ItemFields.class).setTitle(item(library, "IMG_1.JPG"), "The JPEG's own title");
        bean(SidecarWriter.class).writeNow(library.getId());
        assertThat(Files.readString(root.resolve("IMG_1.xmp"))).as("the shared sidecar is left alone").isEqualTo(shared);
        assertThat(XmpSidecars.read(root.resolve("IMG_1.JPG")).title()).isEqualTo("The JPEG's own title");
        assertThat(Files.exists(root.resolve("IMG_1.JPG.xmp"))).isTrue();

        // A sidecar of one file's own keeps its other languages when the default title changes.
        Files.writeString(root.resolve("IMG_1.JPG.xmp"), shared);
        bean(SidecarWriter.class).writeNow(library.getId());
        assertThat(Files.readString(root.resolve("IMG_1.JPG.xmp"))).contains("Le titre").contains("The JPEG's own title").doesNotContain("Lightroom's title");
    }

    @Test
    void theOriginalIsNeverWrittenUnlessTheLibrarySaysSoAndThenExiftoolCarriesTheXmpIntoIt() throws Exception {
        Programs.requireExiftool();
        Path photo = org.archivist.testing.Corpus.media().resolve("images/DSCN0010.jpg");
        Map<String, String> shaBefore = new java.util.HashMap<>();
        Map<String, Library> made = new java.util.LinkedHashMap<>();
        for (String name : List.of("kept", "into")) {
            Path root = Files.createDirectories(temp.resolve(name));
            Files.copy(photo, root.resolve("photo.jpg"));
            shaBefore.put(name, new org.archivist.fingerprint.Sha256().of(root.resolve("photo.jpg")));
            Library library = bean(LibraryService.class).add(unique(name), root, Set.of(), List.of());
            bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE);
            bean(ItemFields.class).setTitle(item(library, "photo.jpg"), "Title from " + name);
            bean(OrganizeSettingsStore.class).save(library.getId(), OrganizeSettings.of("move", null, Map.of(), name.equals("into")));
            made.put(name, library);
        }
        SidecarWriter.Report kept = bean(SidecarWriter.class).writeNow(made.get("kept").getId());
        assertThat(kept.originals()).isZero();
        assertThat(new org.archivist.fingerprint.Sha256().of(temp.resolve("kept/photo.jpg"))).as("the original, byte for byte").isEqualTo(shaBefore.get("kept"));
        assertThat(XmpSidecars.read(temp.resolve("kept/photo.jpg")).title()).isEqualTo("Title from kept");

        SidecarWriter.Report into = bean(SidecarWriter.class).writeNow(made.get("into").getId());
        assertThat(into.originals()).isEqualTo(1);
        assertThat(into.failed()).isEmpty();
        var exif = new ProcessBuilder("exiftool", "-j", "-XMP:Title", temp.resolve("into/photo.jpg").toString()).start();
        JsonNode read = JsonMapper.builder().build().readTree(exif.getInputStream().readAllBytes()).get(0);
        assertThat(read.path("Title").asString()).as("the XMP is inside the original now").isEqualTo("Title from into");
    }

    private long item(Library library, String path) {
        return jdbc().queryForObject("SELECT item_id FROM files WHERE library_id = ? AND path = ?", Long.class, library.getId(), path);
    }

    /** The xmp_sidecars rule's proposals for the library, as "field value". */
    private List<String> proposals(Library library) {
        JsonMapper json = JsonMapper.builder().build();
        AnalysisSettings settings = AnalysisSettings.of(library.getId(), Map.of("xmp_sidecars", json.createObjectNode()), Map.of(), null);
        long plan = bean(AnalysisService.class).analyze(new AnalysisService.AnalysisJob("xmp", settings, null));
        return jdbc().queryForList("SELECT field, CAST(proposed_value AS TEXT) AS proposed_value FROM plan_changes WHERE plan_id = ? ORDER BY id", plan).stream().map(row -> {
            JsonNode value = json.readTree(String.valueOf(row.get("proposed_value")));
            String shown = value.isString() ? value.asString() : value.has("name") ? value.get("name").asString() : value.path("detectedAt").asString();
            return row.get("field") + " " + shown;
        }).toList();
    }
}
