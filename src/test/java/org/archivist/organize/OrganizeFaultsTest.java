package org.archivist.organize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.scan.ScanProgress;
import org.archivist.scan.ScanService;
import org.archivist.testing.EngineTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What goes wrong on real disks: full, refusing, files vanishing or changing underneath, names of every script, names near the limit. */
class OrganizeFaultsTest extends EngineTest {

    @TempDir
    Path temp;

    @Test
    void aFullDestinationDiskStopsTheRunCleanlyAndFreeingSpaceLetsItFinish() throws Exception {
        Path disk = temp.resolve("small-disk");
        Files.createDirectories(disk);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", disk.toString()), "needs to mount a small tmpfs (root and mount permission)");
        try {
            Path root = temp.resolve("inbox");
            for (int i = 0; i < 12; i++) OrganizeTest.write(root.resolve("in/file" + i + ".jpg"), 40_000 + i);
            Library library = library(root);
            Map<String, String> before = OrganizeTest.contents(root);
            bean(OrganizeSettingsStore.class).save(library.getId(), OrganizeSettings.of("copy", disk.resolve("copies").toString(), Map.of(), false));
            OrganizeRuns.Run run = bean(OrganizePreview.class).preview(library.getId());
            assertThatThrownBy(() -> bean(OrganizeApplier.class).applyNow(run.id())).hasMessageContaining("is full").hasMessageContaining("apply again");
            assertThat(OrganizeTest.contents(root)).as("the originals are untouched").isEqualTo(before);
            Map<String, String> copied = OrganizeTest.contents(disk.resolve("copies"));
            assertThat(copied).as("some copies made it, none partial").isNotEmpty().allSatisfy((path, sha) -> assertThat(before).containsValue(sha));
            assertThat(copied.keySet()).noneMatch(name -> name.contains(".archivist-organize-"));
            assertThat(run("mount", "-o", "remount,size=2m", disk.toString())).isTrue();
            OrganizeApplier.Report report = bean(OrganizeApplier.class).applyNow(run.id());
            assertThat(report.counts()).containsEntry("done", 12L);
            assertThat(OrganizeTest.contents(disk.resolve("copies")).values()).containsExactlyInAnyOrderElementsOf(before.values());
        } finally {
            run("umount", "-l", disk.toString());
        }
    }

    @Test
    void aTargetFolderThatRefusesWritesFailsThoseFilesAndMovesTheRest() throws Exception {
        Path root = temp.resolve("inbox");
        OrganizeTest.write(root.resolve("a/one.jpg"), 1);
        OrganizeTest.write(root.resolve("b/two.jpg"), 2);
        Library library = library(root);
        bean(OrganizeSettingsStore.class).save(library.getId(), OrganizeSettings.of("move", null,
                Map.of("photo", "{folder}-sorted/{name}.{ext}"), false));
        Path refusing = root.resolve("b-sorted");
        Files.createDirectories(refusing);
        boolean root_ = "root".equals(System.getProperty("user.name"));
        if (root_) assumeTrue(run("chattr", "+i", refusing.toString()), "needs chattr to make a folder refuse root's writes");
        else refusing.toFile().setWritable(false);
        try {
            OrganizeRuns.Run run = bean(OrganizePreview.class).preview(library.getId());
            OrganizeApplier.Report report = bean(OrganizeApplier.class).applyNow(run.id());
            assertThat(report.counts()).containsEntry("done", 1L).containsEntry("failed", 1L);
            OrganizeRuns.Move failed = bean(OrganizeRuns.class).moves(run.id(), OrganizeRuns.State.FAILED, 0, 10).get(0);
            assertThat(failed.reason()).containsIgnoringCase("permission denied").contains("b-sorted");
            assertThat(Files.exists(root.resolve("b/two.jpg"))).isTrue();
            assertThat(Files.exists(root.resolve("a-sorted/one.jpg"))).isTrue();
            new OrganizeTest().assertCatalogue(jdbc(), library, root);
        } finally {
            if (root_) run("chattr", "-i", refusing.toString());
            else refusing.toFile().setWritable(true);
        }
    }

    @Test
    void aFolderOnTheWayThatLinksOutsideTheDestinationKeepsTheFilesWhereTheyAre() throws Exception {
        Path root = temp.resolve("inbox");
        OrganizeTest.write(root.resolve("in/one.jpg"), 1);
        OrganizeTest.write(root.resolve("in/two.jpg"), 2);
        Library library = library(root);
        bean(OrganizeSettingsStore.class).save(library.getId(), OrganizeSettings.of("move", null, Map.of("photo", "sorted/{name}.{ext}"), false));
        OrganizeRuns.Run run = bean(OrganizePreview.class).preview(library.getId());
        // After the preview, someone makes the folder the files are going to a link to somewhere else.
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("sorted"), outside);
        OrganizeApplier.Report report = bean(OrganizeApplier.class).applyNow(run.id());
        assertThat(report.counts()).containsEntry("skipped", 2L).doesNotContainKey("done");
        assertThat(bean(OrganizeRuns.class).moves(run.id(), OrganizeRuns.State.SKIPPED, 0, 10))
                .allSatisfy(m -> assertThat(m.reason()).contains("leads outside the destination").contains(outside.toRealPath().toString()));
        try (var listed = Files.list(outside)) {
            assertThat(listed.toList()).as("nothing written outside").isEmpty();
        }
        assertThat(root.resolve("in/one.jpg")).exists();
        assertThat(root.resolve("in/two.jpg")).exists();
    }

    @Test
    void aSourceThatVanishedOrChangedDuringTheCopyIsReportedAndNothingIsLost() throws Exception {
        Path root = temp.resolve("inbox");
        OrganizeTest.write(root.resolve("in/gone.jpg"), 1);
        OrganizeTest.write(root.resolve("in/changing.jpg"), 2);
        OrganizeTest.write(root.resolve("in/fine.jpg"), 3);
        Library library = library(root);
        Path copies = temp.resolve("copies");
        bean(OrganizeSettingsStore.class).save(library.getId(), OrganizeSettings.of("copy", copies.toString(), Map.of("photo", "{name}.{ext}"), false));
        OrganizeRuns.Run run = bean(OrganizePreview.class).preview(library.getId());
        Files.delete(root.resolve("in/gone.jpg"));
        OrganizeApplier applier = bean(OrganizeApplier.class);
        applier.setCheckpoint(step -> {
            // Someone writes to the file while it is being copied.
            if (step.equals("copied") && Files.exists(root.resolve("in/changing.jpg")) && !Files.exists(copies.resolve("changing.jpg"))) {
                try {
                    Files.writeString(root.resolve("in/changing.jpg"), "edited meanwhile", java.nio.file.StandardOpenOption.APPEND);
                    Files.setLastModifiedTime(root.resolve("in/changing.jpg"), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        OrganizeApplier.Report report;
        try {
            report = applier.applyNow(run.id());
        } finally {
            applier.setCheckpoint(step -> { });
        }
        assertThat(report.counts()).containsEntry("done", 1L).containsEntry("skipped", 1L).containsEntry("failed", 1L);
        Map<String, String> reasons = new java.util.TreeMap<>();
        for (OrganizeRuns.Move move : bean(OrganizeRuns.class).moves(run.id(), null, 0, 10)) reasons.put(Path.of(move.sourcePath()).getFileName().toString(), move.reason());
        assertThat(reasons.get("gone.jpg")).contains("vanished");
        assertThat(reasons.get("changing.jpg")).contains("changed");
        assertThat(Files.exists(copies.resolve("changing.jpg"))).isFalse();
        assertThat(new String(Files.readAllBytes(root.resolve("in/changing.jpg")), java.nio.charset.StandardCharsets.ISO_8859_1)).endsWith("edited meanwhile");
        assertThat(Files.exists(copies.resolve("fine.jpg"))).isTrue();
    }

    @Test
    void namesOfEveryScriptEmojiReservedCharactersAndNamesNearTheLimitAllArriveSafely() throws Exception {
        Path root = temp.resolve("inbox");
        List<String> names = List.of("東京の夜.jpg", "Ünïcödé café.jpg", "Привет мир.jpg", "مرحبا.jpg", "😀 party 🎉.jpg", "नमस्ते.jpg", "CON.jpg",
                "trailing dot..jpg", "a:b*c?.jpg", "x".repeat(236) + "😀".repeat(3) + ".jpg");
        for (int i = 0; i < names.size(); i++) OrganizeTest.write(root.resolve("in/" + names.get(i).replace(":", "_").replace("*", "_").replace("?", "_")), i);
        Files.move(root.resolve("in/a_b_c_.jpg"), root.resolve("in/a:b*c?.jpg"));
        Library library = library(root);
        Map<String, String> before = OrganizeTest.contents(root);
        bean(OrganizeSettingsStore.class).save(library.getId(), OrganizeSettings.of("move", null, Map.of("photo", "sorted/{name} ({kind}).{ext}",
                "other", "sorted/{name} ({kind}).{ext}"), false));
        OrganizeRuns.Run run = bean(OrganizePreview.class).preview(library.getId());
        assertThat(run.counts()).containsEntry("planned", (long) names.size());
        OrganizeApplier.Report report = bean(OrganizeApplier.class).applyNow(run.id());
        assertThat(report.counts()).containsEntry("done", (long) names.size());
        Map<String, String> after = OrganizeTest.contents(root);
        assertThat(after.values()).containsExactlyInAnyOrderElementsOf(before.values());
        assertThat(after).containsKeys("sorted/東京の夜 (photo).jpg", "sorted/😀 party 🎉 (photo).jpg", "sorted/CON (photo).jpg");
        assertThat(after.keySet()).anyMatch(path -> path.startsWith("sorted/a_b_c_ ("));
        assertThat(SafeNames.name("CON.jpg")).as("a device name, reserved on Windows and SMB shares").isEqualTo("CON_.jpg");
        assertThat(SafeNames.name("nul")).isEqualTo("nul_");
        for (String path : after.keySet()) {
            String name = Path.of(path).getFileName().toString();
            assertThat(name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).as(name).isLessThanOrEqualTo(255);
            assertThat(name).doesNotContain(":", "*", "?").doesNotEndWith(".").doesNotEndWith(" ");
        }
        new OrganizeTest().assertCatalogue(jdbc(), library, root);
    }

    @Test
    void twoFilesDifferingOnlyInLetterCaseGetTwoNamesThatACaseInsensitiveDiskKeepsApart() throws Exception {
        Path root = temp.resolve("inbox");
        OrganizeTest.write(root.resolve("a/Photo.jpg"), 1);
        OrganizeTest.write(root.resolve("b/PHOTO.jpg"), 2);
        Library library = library(root);
        bean(OrganizeSettingsStore.class).save(library.getId(), OrganizeSettings.of("move", null, Map.of("photo", "all/{name}.{ext}"), false));
        OrganizeRuns.Run run = bean(OrganizePreview.class).preview(library.getId());
        bean(OrganizeApplier.class).applyNow(run.id());
        assertThat(OrganizeTest.contents(root).keySet()).containsExactlyInAnyOrder("all/Photo.jpg", "all/PHOTO-1.jpg");
    }

    @Test
    void twoNamesAtTheByteLimitWantingOneNameGetTwoThatFitWithTheirSidecars() throws Exception {
        Path root = temp.resolve("inbox");
        // 250 bytes with .jpg, 254 with .jpg.xmp: b's file, second in path order, takes -1 and has to leave room for its sidecar.
        String stem = "n".repeat(246);
        OrganizeTest.write(root.resolve("a/" + stem + ".jpg"), 1);
        OrganizeTest.write(root.resolve("b/" + stem + ".jpg"), 3);
        OrganizeTest.write(root.resolve("b/" + stem + ".jpg.xmp"), 2);
        Library library = library(root);
        bean(OrganizeSettingsStore.class).save(library.getId(), OrganizeSettings.of("move", null, Map.of("photo", "all/{name}.{ext}"), false));
        OrganizeRuns.Run run = bean(OrganizePreview.class).preview(library.getId());
        assertThat(run.counts()).containsEntry("planned", 3L);
        bean(OrganizeApplier.class).applyNow(run.id());
        Map<String, String> after = OrganizeTest.contents(root);
        assertThat(after).hasSize(3);
        for (String path : after.keySet()) {
            assertThat(path).startsWith("all/");
            assertThat(Path.of(path).getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        }
        assertThat(after.keySet()).anyMatch(p -> p.endsWith("-1.jpg")).anyMatch(p -> p.endsWith(".jpg.xmp"));
        String sidecar = after.keySet().stream().filter(p -> p.endsWith(".xmp")).findFirst().orElseThrow();
        assertThat(after).containsKey(sidecar.substring(0, sidecar.length() - ".xmp".length())).as("the sidecar still names its file");
    }

    @Test
    void anOriginalEditedAfterItWasCopiedAcrossDisksIsKeptBesideTheCopy() throws Exception {
        Path other = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(other) && !Files.getAttribute(other, "unix:dev").equals(Files.getAttribute(temp, "unix:dev")),
                "needs a second file system at /dev/shm");
        Path destination = Files.createTempDirectory(other, "archivist-edited");
        try {
            Path root = temp.resolve("inbox");
            OrganizeTest.write(root.resolve("in/edited.jpg"), 1);
            OrganizeTest.write(root.resolve("in/quiet.jpg"), 2);
            Library library = library(root);
            Library target = bean(LibraryService.class).add(unique("shm"), destination, Set.of(), List.of());
            bean(OrganizeSettingsStore.class).save(library.getId(), OrganizeSettings.of("move", destination.toString(), Map.of("photo", "{name}.{ext}"), false));
            OrganizeRuns.Run run = bean(OrganizePreview.class).preview(library.getId());
            OrganizeApplier applier = bean(OrganizeApplier.class);
            applier.setCheckpoint(step -> {
                Path edited = root.resolve("in/edited.jpg");
                if (step.equals("renamed") && Files.exists(destination.resolve("edited.jpg")) && Files.exists(edited)) {
                    try {
                        Files.writeString(edited, "a late edit", java.nio.file.StandardOpenOption.APPEND);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            try {
                applier.applyNow(run.id());
            } finally {
                applier.setCheckpoint(step -> { });
            }
            assertThat(Files.exists(root.resolve("in/quiet.jpg"))).as("an untouched original goes").isFalse();
            assertThat(Files.readString(root.resolve("in/edited.jpg"), java.nio.charset.StandardCharsets.ISO_8859_1)).as("the edit is kept").endsWith("a late edit");
            assertThat(Files.exists(destination.resolve("edited.jpg"))).isTrue();
            assertThat(bean(OrganizeRuns.class).moves(run.id(), OrganizeRuns.State.DONE, 0, 10)).anyMatch(m -> m.reason() != null && m.reason().contains("both kept"));
            new OrganizeTest().assertCatalogue(jdbc(), target, destination);
        } finally {
            try (var files = Files.walk(destination)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
            }
        }
    }

    @Test
    void aSecondRunOfALibraryIsRefusedWhileAnotherIsHalfApplied() throws Exception {
        Path root = temp.resolve("inbox");
        for (int i = 0; i < 3; i++) OrganizeTest.write(root.resolve("in/f" + i + ".jpg"), i);
        Library library = library(root);
        bean(OrganizeSettingsStore.class).save(library.getId(), OrganizeSettings.of("move", null, Map.of("photo", "out/{name}.{ext}"), false));
        OrganizeRuns.Run first = bean(OrganizePreview.class).preview(library.getId());
        OrganizeApplier applier = bean(OrganizeApplier.class);
        applier.setCheckpoint(step -> {
            if (step.equals("journaled")) throw new Error("killed");
        });
        try {
            assertThatThrownBy(() -> applier.applyNow(first.id())).hasMessageContaining("killed");
        } finally {
            applier.setCheckpoint(step -> { });
        }
        OrganizeRuns.Run second = bean(OrganizePreview.class).preview(library.getId());
        assertThatThrownBy(() -> applier.applyNow(second.id())).hasMessageContaining("run " + first.id()).hasMessageContaining("half applied");
        assertThat(applier.applyNow(first.id()).counts()).containsEntry("done", 3L);
        new OrganizeTest().assertCatalogue(jdbc(), library, root);
    }

    private Library library(Path root) {
        Library library = bean(LibraryService.class).add(unique("faults"), root, Set.of(), List.of());
        bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE);
        return library;
    }

    private static boolean run(String... command) throws Exception {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
