package org.archivist.scan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.archivist.catalog.Library;
import org.archivist.catalog.ScannedFile;
import org.archivist.metadata.MediaClassifier;
import org.archivist.metadata.MetadataExtractor;
import org.springframework.context.ConfigurableApplicationContext;

/** The reading half of a first scan alone (walk, then every file inspected on as many threads as the scan uses), nothing written: the ceiling a writer cannot pass. */
public final class ReadingOnly {

    private ReadingOnly() {
    }

    public static double filesPerSecond(ConfigurableApplicationContext context, Library library, int threads) throws Exception {
        long started = System.nanoTime();
        TreeWalker.Walk walk = TreeWalker.walk(Path.of(library.getRootPath()), library.getSettings().excludeGlobs(), library.getSettings().followLinks());
        FileInspector inspector = new FileInspector(context.getBean(MediaClassifier.class), context.getBean(MetadataExtractor.class), library.getMediaTypes());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ScannedFile>> all = new ArrayList<>(walk.files().size());
            for (WalkedFile file : walk.files()) all.add(pool.submit(() -> inspector.inspect(file)));
            for (Future<ScannedFile> one : all) one.get();
        } finally {
            pool.shutdownNow();
        }
        return walk.files().size() / ((System.nanoTime() - started) / 1e9);
    }
}
