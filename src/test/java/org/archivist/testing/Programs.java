package org.archivist.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The optional programs some tests need (ffmpeg, ffprobe, exiftool): a test that needs one is
 * skipped, naming it and its Debian package, on a machine without it, as corpus tests are without
 * the corpus. CI installs them (.ci/run), so there they run.
 */
public final class Programs {

    private Programs() {
    }

    public static boolean installed(String program) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program))) return true;
        }
        return false;
    }

    /** Skips the test unless {@code program} (from Debian's {@code debianPackage}) is on the PATH. */
    public static void require(String program, String debianPackage) {
        assumeTrue(installed(program), program + " is not installed (sudo apt-get install " + debianPackage + "); skipping");
    }

    public static void requireFfmpeg() {
        require("ffmpeg", "ffmpeg");
        require("ffprobe", "ffmpeg");
    }

    public static void requireExiftool() {
        require("exiftool", "libimage-exiftool-perl");
    }
}
