package org.archivist.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** Whether ffprobe and exiftool are there is decided by starting them: no load or interruption makes one look missing. */
class ToolDetectionTest {

    private final AtomicBoolean busy = new AtomicBoolean(true);
    private final List<Thread> spinners = new ArrayList<>();

    @AfterEach
    void stopSpinning() throws InterruptedException {
        busy.set(false);
        for (Thread spinner : spinners) spinner.join();
    }

    /** Every core busy, as during a scan's reading. */
    private void loadEveryCore() {
        for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
            Thread spinner = new Thread(() -> {
                long x = 0;
                while (busy.get()) x += System.nanoTime() % 7;
                if (x == 42) System.out.print("");
            });
            spinner.start();
            spinners.add(spinner);
        }
    }

    @Test
    void anInstalledProgramIsFoundUnderLoadFromManyThreadsAndFromAnInterruptedOne() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        loadEveryCore();
        ExecutorService readers = Executors.newFixedThreadPool(32);
        List<Future<Boolean>> answers = new ArrayList<>();
        for (int i = 0; i < 32; i++) answers.add(readers.submit(() -> ExternalTool.canStart(java, "-version")));
        for (Future<Boolean> answer : answers) assertThat(answer.get()).isTrue();
        readers.shutdown();
        Thread.currentThread().interrupt();
        try {
            assertThat(ExternalTool.canStart(java, "-version")).as("a cancelled reader's interrupt").isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void onlyAProgramThatCannotBeStartedIsMissing() {
        assertThat(ExternalTool.canStart("archivist-no-such-program", "-version")).isFalse();
        MetadataExtractor extractor = new MetadataExtractor(JsonMapper.builder().build(), Clock.systemUTC(), Duration.ofSeconds(1),
                "archivist-no-ffprobe", "archivist-no-exiftool");
        assertThat(extractor.tools().notices()).containsExactly(MetadataExtractor.FFPROBE_MISSING, MetadataExtractor.EXIFTOOL_MISSING);
    }

    @Test
    void ffprobeAndExiftoolAreAvailableWhileManyReaderThreadsAreBusy() throws Exception {
        org.archivist.testing.Programs.requireFfmpeg();
        org.archivist.testing.Programs.requireExiftool();
        loadEveryCore();
        MetadataExtractor extractor = new MetadataExtractor(JsonMapper.builder().build(), Clock.systemUTC(), Duration.ofMillis(1));
        ExecutorService readers = Executors.newFixedThreadPool(64);
        List<Future<MetadataExtractor.Tools>> answers = new ArrayList<>();
        for (int i = 0; i < 64; i++) answers.add(readers.submit(extractor::tools));
        for (Future<MetadataExtractor.Tools> answer : answers) {
            assertThat(answer.get()).isEqualTo(new MetadataExtractor.Tools(true, true));
        }
        readers.shutdown();
        assertThat(extractor.tools().notices()).isEmpty();
    }
}
