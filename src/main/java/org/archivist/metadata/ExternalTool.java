package org.archivist.metadata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program such as ffprobe on one file with a time limit and a cap on its output, so a
 * hostile file can neither hang a scan nor fill memory. A path whose name is not valid UTF-8 is
 * passed through a temporary symbolic link with a plain name.
 */
public final class ExternalTool {

    public record Result(int exitCode, byte[] output) {
    }

    private static final int MAX_OUTPUT = 16 * 1024 * 1024;

    private ExternalTool() {
    }

    /**
     * Whether the program can be started at all: decided by starting it, with no time limit and no
     * exit code to wait for, so a busy machine or an interrupted caller can never make an installed
     * tool look missing. "Missing" means only that the operating system could not start it.
     */
    public static boolean canStart(String program, String versionArgument) {
        Process process;
        try {
            process = new ProcessBuilder(program, versionArgument).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return false;
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // it exits on its own
        }
        return true;
    }

    /**
     * A path a program can be given: the file itself, or, when its name holds invalid UTF-8 (or one
     * of {@code refused}), a temporary symbolic link with a plain name, removed on close.
     */
    public record PlainName(Path path, boolean linked) implements AutoCloseable {
        public static PlainName of(Path file, String refused) throws IOException {
            Path target = file.toAbsolutePath();
            String name = target.toString();
            boolean plain = name.indexOf('\uFFFD') < 0 && refused.chars().noneMatch(c -> name.indexOf(c) >= 0);
            if (plain) return new PlainName(target, false);
            Path link = Files.createTempFile("archivist-link-", "");
            Files.delete(link);
            Files.createSymbolicLink(link, target);
            return new PlainName(link, true);
        }

        @Override
        public void close() throws IOException {
            if (linked) Files.deleteIfExists(path);
        }
    }

    public static Result run(List<String> commandBeforeFile, Path file, List<String> commandAfterFile, Duration limit)
            throws IOException, ToolTimeoutException {
        try (PlainName name = PlainName.of(file, "")) {
            List<String> command = new ArrayList<>(commandBeforeFile);
            command.add(name.path().toString());
            command.addAll(commandAfterFile);
            return run(command, limit);
        }
    }

    /** Runs a whole command (its file names already plain, see {@link PlainName}), standard output read up to 16 MiB. */
    public static Result run(List<String> command, Duration limit) throws IOException, ToolTimeoutException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readCapped(process.getInputStream()));
        boolean finished;
        try {
            finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + command.get(0) + " read the file");
        }
        if (!finished) {
            process.destroyForcibly();
            throw new ToolTimeoutException(command.get(0) + " took longer than " + limit.toSeconds() + " s");
        }
        return new Result(process.exitValue(), output.join());
    }

    private static byte[] readCapped(InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (out.size() + n <= MAX_OUTPUT) out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // The process was killed: what was read so far is all there is.
        }
        return out.toByteArray();
    }

    public static final class ToolTimeoutException extends Exception {
        public ToolTimeoutException(String message) {
            super(message);
        }
    }
}
