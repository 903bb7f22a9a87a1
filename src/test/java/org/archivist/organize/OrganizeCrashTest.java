package org.archivist.organize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.scan.ScanProgress;
import org.archivist.scan.ScanService;
import org.archivist.testing.EngineTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A crash at every step of the journal, on one disk, across disks and in copy mode, and a real
 * process killed halfway: run again, every file is in exactly one place (or two, copying), intact,
 * and the catalogue equals the disk.
 */
class OrganizeCrashTest extends EngineTest {

    /** The second disk: /dev/shm, a tmpfs, where the machine has one apart from the temporary folder's. */
    private static final Path OTHER_DISK = Path.of("/dev/shm");

    @TempDir
    Path temp;
    private final List<Path> cleanUp = new ArrayList<>();

    enum Topology { SAME_DISK, OTHER_DISK, COPY }

    private static final class Crash extends RuntimeException {
        Crash(String step) {
            super("simulated crash after " + step);
        }
    }

    static Stream<Arguments> steps() {
        List<Arguments> all = new ArrayList<>();
        for (String step : List.of("journaled", "renamed", "catalogued")) all.add(Arguments.of(Topology.SAME_DISK, step));
        for (String step : List.of("journaled", "copied", "verified", "renamed", "catalogued", "removed")) all.add(Arguments.of(Topology.OTHER_DISK, step));
        for (String step : List.of("journaled", "copied", "verified", "renamed", "catalogued")) all.add(Arguments.of(Topology.COPY, step));
        return all.stream();
    }

    /** The job's retry after a crash comes at once, not after the two seconds a real failure waits. */
    @org.junit.jupiter.api.BeforeEach
    void retryAtOnce() {
        bean(org.archivist.jobs.JobRunner.class).setFirstBackOff(java.time.Duration.ofMillis(10));
    }

    @AfterEach
    void removeOtherDiskFolders() throws Exception {
        bean(org.archivist.jobs.JobRunner.class).setFirstBackOff(java.time.Duration.ofSeconds(2));
        for (Path folder : cleanUp) {
            if (!Files.exists(folder)) continue;
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(file);
            }
        }
    }

    @ParameterizedTest(name = "{0} after {1}")
    @MethodSource("steps")
    void aCrashAtAnyStepIsFinishedOrUndoneByTheNextRun(Topology topology, String step) throws Exception {
        Path root = temp.resolve("inbox");
        Library library = tree(root, 40);
        Map<String, String> before = OrganizeTest.contents(root);
        Path destination = destination(topology);
        Library target = topology == Topology.OTHER_DISK ? bean(LibraryService.class).add(unique("other-disk"), destination, Set.of(), List.of()) : null;
        bean(OrganizeSettingsStore.class).save(library.getId(), OrganizeSettings.of(topology == Topology.COPY ? "copy" : "move",
                topology == Topology.SAME_DISK ? null : destination.toString(), Map.of(), false));
        OrganizeRuns.Run run = bean(OrganizePreview.class).preview(library.getId());
        assertThat(run.counts()).containsEntry("planned", 48L);

        OrganizeApplier applier = bean(OrganizeApplier.class);
        AtomicInteger seen = new AtomicInteger();
        int at = Set.of("journaled", "catalogued", "removed").contains(step) ? 1 : 7;
        applier.setCheckpoint(reached -> {
            if (reached.equals(step) && seen.incrementAndGet() == at) throw new Crash(step);
        });
        OrganizeApplier.Report report;
        try {
            // The job fails at the crash and is run again by the same call (a retry), which recovers first.
            report = applier.applyNow(run.id());
        } finally {
            applier.setCheckpoint(reached -> { });
        }
        assertThat(seen.get()).as("the crash happened").isGreaterThanOrEqualTo(at);
        assertThat(report.counts()).containsEntry("done", 48L);
        assertNoPartialCopies(root);
        assertNoPartialCopies(destination);
        switch (topology) {
            case SAME_DISK -> {
                assertThat(OrganizeTest.contents(root).values()).containsExactlyInAnyOrderElementsOf(before.values());
                new OrganizeTest().assertCatalogue(jdbc(), library, root);
            }
            case OTHER_DISK -> {
                assertThat(OrganizeTest.contents(root)).as("every file left the inbox").isEmpty();
                assertThat(OrganizeTest.contents(destination).values()).containsExactlyInAnyOrderElementsOf(before.values());
                new OrganizeTest().assertCatalogue(jdbc(), library, root);
                new OrganizeTest().assertCatalogue(jdbc(), target, destination);
            }
            case COPY -> {
                assertThat(OrganizeTest.contents(root)).as("the originals stay").isEqualTo(before);
                assertThat(OrganizeTest.contents(destination).values()).containsExactlyInAnyOrderElementsOf(before.values());
                new OrganizeTest().assertCatalogue(jdbc(), library, root);
                assertThat(jdbc().queryForObject("SELECT count(*) FROM files WHERE library_id = ? AND output_path IS NOT NULL", Long.class, library.getId()))
                        .isEqualTo(48L);
            }
        }
    }

    /** A real process, killed (SIGKILL) while it copies 2,000 files across disks; the next run finishes. */
    @Test
    void aProcessKilledWhileItOrganizesLosesNothing() throws Exception {
        // A crash after every step of the journal is tested above on both engines; the real SIGKILL of a
        // whole process (a JVM started for it, half a minute) once, on the default engine.
        org.junit.jupiter.api.Assumptions.assumeTrue(engine == org.archivist.db.Engine.SQLITE,
                "the real process kill runs on SQLite; every journal step's crash runs on both engines");
        Path root = temp.resolve("inbox");
        Library library = tree(root, 2_000);
        Map<String, String> before = OrganizeTest.contents(root);
        Path destination = destination(Topology.OTHER_DISK);
        Library target = bean(LibraryService.class).add(unique("other-disk"), destination, Set.of(), List.of());
        bean(OrganizeSettingsStore.class).save(library.getId(), OrganizeSettings.of("move", destination.toString(), Map.of(), false));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                "org.archivist.ArchivistApplication", "organize", "--library", library.getName(), "--yes", "--db", location().jdbcUrl())
                .redirectErrorStream(true).redirectOutput(temp.resolve("child.log").toFile()).start();
        boolean killed = false;
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (System.nanoTime() < deadline && child.isAlive()) {
                Long moved = jdbc().queryForObject("SELECT count(*) FROM organize_moves m JOIN organize_runs r ON r.id = m.run_id"
                        + " WHERE r.library_id = ? AND m.state IN ('done', 'placed')", Long.class, library.getId());
                if (moved != null && moved > 0) {
                    child.destroyForcibly().waitFor();
                    killed = true;
                    break;
                }
                Thread.sleep(20);
            }
        } finally {
            if (child.isAlive()) child.destroyForcibly().waitFor();
        }
        assertThat(killed).as("killed halfway (child output: %s)", Files.readString(temp.resolve("child.log"))).isTrue();
        long runId = jdbc().queryForObject("SELECT max(id) FROM organize_runs WHERE library_id = ?", Long.class, library.getId());
        assertThat(jdbc().queryForObject("SELECT count(*) FROM organize_moves WHERE run_id = ? AND state = 'planned'", Long.class, runId))
                .as("some files were still to go").isPositive();
        OrganizeApplier.Report report = bean(OrganizeApplier.class).applyNow(runId);
        assertThat(report.counts()).containsEntry("done", 2_000L);
        assertNoPartialCopies(destination);
        assertThat(OrganizeTest.contents(root)).isEmpty();
        assertThat(OrganizeTest.contents(destination).values()).containsExactlyInAnyOrderElementsOf(before.values());
        new OrganizeTest().assertCatalogue(jdbc(), library, root);
        new OrganizeTest().assertCatalogue(jdbc(), target, destination);
    }

    private Path destination(Topology topology) throws Exception {
        if (topology == Topology.SAME_DISK) return temp.resolve("inbox");
        assumeTrue(Files.isDirectory(OTHER_DISK) && !Files.getAttribute(OTHER_DISK, "unix:dev").equals(Files.getAttribute(temp, "unix:dev")),
                "needs a second file system at /dev/shm (a tmpfs) apart from " + temp);
        Path folder = OTHER_DISK.resolve(unique("archivist-organize"));
        Files.createDirectories(folder);
        cleanUp.add(folder);
        return folder;
    }

    /** {@code count} photos over a few folders, each with a capture date, every fifth with an .xmp sidecar. */
    private Library tree(Path root, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            OrganizeTest.write(root.resolve("import" + i % 4 + "/IMG_" + i + ".jpg"), i);
            if (i % 5 == 0 && count < 1_000) OrganizeTest.write(root.resolve("import" + i % 4 + "/IMG_" + i + ".xmp"), 100_000 + i);
        }
        Library library = bean(LibraryService.class).add(unique("crash"), root, Set.of(), List.of());
        bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE);
        return library;
    }

    private static void assertNoPartialCopies(Path folder) throws Exception {
        if (!Files.exists(folder)) return;
        try (Stream<Path> files = Files.walk(folder)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith(".archivist-organize-")).toList()).isEmpty();
        }
    }
}
