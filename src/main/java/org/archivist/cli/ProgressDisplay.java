package org.archivist.cli;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Set;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.archivist.scan.ScanProgress;

/**
 * Scan progress for people: a bar with files/s and ETA on a terminal, a plain line every few
 * seconds otherwise (logs, pipes). Notices are printed once each.
 */
final class ProgressDisplay implements ScanProgress {

    private final PrintWriter err;
    private final boolean terminal;
    private final boolean quiet;
    private final Set<String> noticed = new HashSet<>();
    private ProgressBar bar;
    private String library;
    private long total;
    private long startedAt;
    private long lastLine;

    ProgressDisplay(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
        this.terminal = !quiet && System.console() != null;
    }

    @Override
    public void started(String library, long toRead) {
        this.library = library;
        this.total = toRead;
        this.startedAt = System.nanoTime();
        this.lastLine = startedAt;
        if (terminal && toRead > 0) {
            bar = new ProgressBarBuilder().setTaskName("scan " + library).setInitialMax(toRead).setUnit(" files", 1)
                    .showSpeed().setStyle(ProgressBarStyle.ASCII).continuousUpdate().build();
        } else if (!quiet) {
            err.printf("scan %s: %d files to read%n", library, toRead);
            err.flush();
        }
    }

    @Override
    public void advanced(long read) {
        if (bar != null) {
            bar.stepTo(read);
            return;
        }
        long now = System.nanoTime();
        if (!quiet && now - lastLine > 5_000_000_000L) {
            lastLine = now;
            double seconds = (now - startedAt) / 1e9;
            double rate = read / Math.max(seconds, 1e-9);
            long eta = rate > 0 ? Math.round((total - read) / rate) : -1;
            err.printf("scan %s: %d/%d files (%d%%), %.0f files/s, ETA %ds%n", library, read, total,
                    total == 0 ? 100 : read * 100 / total, rate, eta);
            err.flush();
        }
    }

    @Override
    public void notice(String message) {
        if (noticed.add(message)) {
            err.println("archivist: note: " + message);
            err.flush();
        }
    }

    @Override
    public void finished() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
