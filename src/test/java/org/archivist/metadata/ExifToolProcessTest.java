package org.archivist.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

/**
 * The kept-open ExifTool process against a stand-in that speaks its {@code -stay_open} protocol
 * and hangs on files named "hang": a hanging file costs the process, not the next file, and a
 * reader waiting behind it gives up when its own time is over.
 */
class ExifToolProcessTest {

    @TempDir
    Path temp;

    private Path standIn() throws Exception {
        Path script = temp.resolve("fake-exiftool");
        Files.writeString(script, """
                #!/bin/bash
                file=""
                while IFS= read -r line; do
                  case "$line" in
                    -execute*) n="${line#-execute}"
                               if [[ "$file" == *hang* ]]; then exec sleep 600; fi
                               echo '[{"SourceFile": "x", "EXIF:Make": "Stand-in", "Composite:ImageSize": "640 480"}]'
                               echo "{ready$n}" ;;
                    /*) file="$line" ;;
                  esac
                done
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void aHangingFileCostsTheProcessNotTheNextFile() throws Exception {
        try (ExifTool exiftool = new ExifTool(standIn().toString(), JsonMapper.builder().build())) {
            assertThat(exiftool.read(temp.resolve("first.cr3"), Duration.ofSeconds(20)).get("EXIF:Make").asString()).isEqualTo("Stand-in");
            long started = System.nanoTime();
            assertThatThrownBy(() -> exiftool.read(temp.resolve("hang.cr3"), Duration.ofMillis(700)))
                    .isInstanceOf(ExternalTool.ToolTimeoutException.class);
            assertThat(System.nanoTime() - started).as("gave up at its limit").isLessThan(TimeUnit.SECONDS.toNanos(5));
            assertThat(exiftool.read(temp.resolve("after.cr3"), Duration.ofSeconds(20)).get("Composite:ImageSize").asString())
                    .as("a new process answers the next file").isEqualTo("640 480");
        }
    }

    @Test
    void aReaderWaitingBehindAHangingFileGivesUpAtItsOwnLimit() throws Exception {
        try (ExifTool exiftool = new ExifTool(standIn().toString(), JsonMapper.builder().build())) {
            CompletableFuture<Object> hanging = CompletableFuture.supplyAsync(() -> {
                try {
                    return exiftool.read(temp.resolve("hang.jxl"), Duration.ofSeconds(3));
                } catch (Exception e) {
                    return e;
                }
            });
            Thread.sleep(300);
            long started = System.nanoTime();
            assertThatThrownBy(() -> exiftool.read(temp.resolve("waiting.jxl"), Duration.ofMillis(500)))
                    .isInstanceOf(ExternalTool.ToolTimeoutException.class).hasMessageContaining("busy");
            assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(2));
            assertThat(hanging.get(10, TimeUnit.SECONDS)).isInstanceOf(ExternalTool.ToolTimeoutException.class);
        }
    }
}
