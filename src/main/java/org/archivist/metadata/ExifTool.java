package org.archivist.metadata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One ExifTool process kept open ({@code -stay_open True -@ -}) and asked about one file at a
 * time: starting Perl and ExifTool costs about 150 ms, a question to a running one a few
 * milliseconds. A file that makes it hang past the time limit costs the process (it is killed and
 * started again for the next file), never the scan. File names go through its argument file one a
 * line, so a name with a line break or invalid UTF-8 is passed through a temporary link with a
 * plain name.
 */
final class ExifTool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExifTool.class);
    private static final int MAX_ANSWER = 16 * 1024 * 1024;
    private static final String END = "\u0000end";

    private final String program;
    private final JsonMapper json;
    /** One question at a time; a waiting reader can give up when its time is over (a monitor could not). */
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
    private Process process;
    private OutputStream commands;
    private BlockingQueue<String> lines;
    private int asked;

    ExifTool(String program, JsonMapper json) {
        this.program = program;
        this.json = json;
    }

    /** Every tag ExifTool finds, as {@code -json -G -n} prints them (group-prefixed names, numbers as numbers). */
    /**
     * Every tag of the file, within {@code limit} all told: waiting for another reader's question
     * counts, and a reader whose time ran out while it waited gives up without asking.
     */
    JsonNode read(Path file, Duration limit) throws IOException, ExternalTool.ToolTimeoutException {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            if (!lock.tryLock(limit.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new ExternalTool.ToolTimeoutException("exiftool was busy with other files for " + limit.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for exiftool");
        }
        try (ExternalTool.PlainName name = ExternalTool.PlainName.of(file, "\n\r")) {
            return ask(name.path(), deadline);
        } finally {
            lock.unlock();
        }
    }

    private JsonNode ask(Path file, long deadline) throws IOException, ExternalTool.ToolTimeoutException {
        if (Thread.currentThread().isInterrupted()) throw new IOException("interrupted before exiftool read the file");
        if (process == null || !process.isAlive()) start();
        int number = ++asked;
        String request = String.join("\n", "-json", "-G", "-n", "-charset", "filename=utf8", "-api", "LargeFileSupport=1",
                file.toString(), "-execute" + number) + "\n";
        try {
            commands.write(request.getBytes(StandardCharsets.UTF_8));
            commands.flush();
        } catch (IOException e) {
            stop();
            throw new IOException("exiftool stopped: " + e.getMessage(), e);
        }
        String ready = "{ready" + number + "}";
        StringBuilder answer = new StringBuilder();
        try {
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    stop();
                    throw new ExternalTool.ToolTimeoutException("exiftool did not answer in time");
                }
                if (line.equals(END)) {
                    stop();
                    throw new IOException("exiftool stopped while reading the file");
                }
                if (line.equals(ready)) break;
                if (answer.length() + line.length() > MAX_ANSWER) {
                    stop();
                    throw new IOException("exiftool's answer is larger than " + (MAX_ANSWER >> 20) + " MiB");
                }
                answer.append(line).append('\n');
            }
        } catch (InterruptedException e) {
            // The answer would arrive for the next question: this process is no use any more.
            stop();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while exiftool read the file");
        }
        String text = answer.toString().strip();
        if (text.isEmpty()) throw new IOException("exiftool found nothing it can read");
        JsonNode all = json.readTree(text);
        return all.isArray() && !all.isEmpty() ? all.get(0) : all;
    }

    private void start() throws IOException {
        process = new ProcessBuilder(program, "-stay_open", "True", "-@", "-")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        commands = process.getOutputStream();
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        lines = queue;
        Process started = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) queue.add(line);
            } catch (IOException e) {
                // the process was stopped
            }
            queue.add(END);
        }, "exiftool-output");
        reader.setDaemon(true);
        reader.start();
        log.debug("exiftool started (pid {})", process.pid());
    }

    private void stop() {
        if (process == null) return;
        process.destroyForcibly();
        process = null;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            quit();
        } finally {
            lock.unlock();
        }
    }

    private void quit() {
        if (process == null) return;
        try {
            commands.write("-stay_open\nFalse\n".getBytes(StandardCharsets.UTF_8));
            commands.flush();
            if (!process.waitFor(2, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }
}
