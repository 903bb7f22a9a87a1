package org.archivist.trash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.dedup.DuplicateDetection;
import org.archivist.dedup.DuplicateReview;
import org.archivist.fingerprint.Sha256;
import org.archivist.scan.ScanProgress;
import org.archivist.scan.ScanService;
import org.archivist.testing.EngineTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash at every step of {@code dupes apply} and {@code trash restore} (fault injection after
 * the journal write, after the move, after the catalogue update): after recovery every file is in
 * exactly one place, intact, and the catalogue says where.
 */
class TrashCrashTest extends EngineTest {

    @TempDir
    Path temp;

    private static final class Crash extends RuntimeException {
        Crash(String step) {
            super("simulated crash after " + step);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"journaled", "moved", "recorded"})
    void aCrashAtAnyStepOfApplyOrRestoreLosesAndDuplicatesNothing(String step) throws Exception {
        Path root = temp.resolve("lib");
        Files.createDirectories(root.resolve("a"));
        byte[] content = new byte[200_000];
        new SplittableRandom(step.hashCode()).nextBytes(content);
        Files.write(root.resolve("a/keep.bin"), content);
        Files.write(root.resolve("a/copy.bin"), content);
        String sha = new Sha256().of(root.resolve("a/keep.bin"));
        Library library = bean(LibraryService.class).add(unique("trash"), root, Set.of(), List.of());
        bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE);
        bean(DuplicateDetection.class).find(DuplicateDetection.NearSettings.DEFAULT, 1, line -> { });
        long keep = fileId(library, "a/keep.bin");
        bean(DuplicateReview.class).keep(keep);

        TrashService trash = bean(TrashService.class);
        Path original = root.resolve("a/copy.bin");
        Path trashed = root.resolve(".archivist-trash/a/copy.bin");
        try {
            trash.setCheckpoint(at -> { if (at.equals(step)) throw new Crash(at); });
            assertThatThrownBy(trash::applyDiscards).isInstanceOf(Crash.class);
        } finally {
            trash.setCheckpoint(at -> { });
        }
        trash.recover();
        assertOneIntactCopy(library, original, trashed, sha);

        // Finish the apply (a no-op when the crash came after the move), then crash the restore.
        trash.applyDiscards();
        assertThat(Files.exists(trashed)).isTrue();
        assertThat(status(library, "a/copy.bin")).isEqualTo("missing");
        try {
            trash.setCheckpoint(at -> { if (at.equals(step)) throw new Crash(at); });
            assertThatThrownBy(() -> trash.restore(original)).isInstanceOf(Crash.class);
        } finally {
            trash.setCheckpoint(at -> { });
        }
        trash.recover();
        assertOneIntactCopy(library, original, trashed, sha);
        assertThat(Files.exists(root.resolve("a/keep.bin"))).isTrue();
    }

    private void assertOneIntactCopy(Library library, Path original, Path trashed, String sha) throws Exception {
        boolean atOriginal = Files.exists(original);
        boolean inTrash = Files.exists(trashed);
        assertThat(atOriginal ^ inTrash).as("exactly one place (original %s, trash %s)", atOriginal, inTrash).isTrue();
        assertThat(new Sha256().of(atOriginal ? original : trashed)).isEqualTo(sha);
        assertThat(status(library, "a/copy.bin")).isEqualTo(atOriginal ? "present" : "missing");
        assertThat(jdbc().queryForObject("SELECT count(*) FROM trash_entries WHERE library_id = ? AND state IN ('moving', 'restoring')",
                Long.class, library.getId())).isZero();
    }

    private long fileId(Library library, String path) {
        return jdbc().queryForObject("SELECT id FROM files WHERE library_id = ? AND path = ?", Long.class, library.getId(), path);
    }

    private String status(Library library, String path) {
        return jdbc().queryForObject("SELECT status FROM files WHERE library_id = ? AND path = ?", String.class, library.getId(), path);
    }
}
