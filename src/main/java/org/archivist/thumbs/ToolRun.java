package org.archivist.thumbs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of a picture program with a time limit. Its messages go to a file, not a pipe (libvips
 * can print thousands of lines of warnings for one DNG), and only their end is kept as the reason.
 */
final class ToolRun {

    /** How a run ended: its exit code (-1 when it was killed at the limit) and the end of what it printed. */
    record Ended(int exitCode, String messages) {
        boolean timedOut() {
            return exitCode == -1;
        }
    }

    private ToolRun() {
    }

    static boolean installed(String program) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program))) return true;
        }
        return false;
    }

    static Ended run(List<String> command, Duration limit, Path folder) {
        Path messages = folder.resolve("messages-" + System.nanoTime() + ".txt");
        Process process = null;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(messages.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            boolean ended = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                return new Ended(-1, command.get(0) + " took longer than " + limit.toSeconds() + " s and was stopped");
            }
            return new Ended(process.exitValue(), tail(messages));
        } catch (IOException e) {
            return new Ended(127, command.get(0) + " could not be started: " + e.getMessage());
        } catch (InterruptedException e) {
            // The job is stopping: the program goes with it, and nothing is recorded as the file's fault.
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException(command.get(0) + " was interrupted");
        } finally {
            try {
                Files.deleteIfExists(messages);
            } catch (IOException ignored) {
                // a leftover message file in the staging folder goes with it
            }
        }
    }

    /** The last meaningful lines a program printed (not libvips' warnings), at most 500 characters. */
    private static String tail(Path messages) throws IOException {
        if (!Files.exists(messages)) return "";
        long size = Files.size(messages);
        byte[] end;
        try (InputStream in = Files.newInputStream(messages)) {
            in.skipNBytes(Math.max(0, size - 8192));
            end = in.readAllBytes();
        }
        StringBuilder kept = new StringBuilder();
        for (String line : new String(end, StandardCharsets.UTF_8).split("\n")) {
            String text = line.strip();
            if (text.isEmpty() || text.contains("WARNING")) continue;
            if (kept.length() > 0) kept.append("; ");
            kept.append(text);
        }
        String all = kept.toString();
        return all.length() > 500 ? all.substring(all.length() - 500) : all;
    }
}
