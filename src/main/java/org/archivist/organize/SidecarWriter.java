package org.archivist.organize;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.catalog.SidecarFacts;
import org.archivist.jobs.Job;
import org.archivist.jobs.JobContext;
import org.archivist.jobs.JobHandler;
import org.archivist.jobs.JobRunner;
import org.archivist.jobs.JobSpec;
import org.archivist.metadata.ExternalTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Writes each picture's and video's title, tags, rating and capture date to its XMP sidecar
 * ({@link XmpSidecars}), as a job. The originals are left alone unless the library's organize
 * settings say {@code xmpIntoOriginals}: then ExifTool also copies the sidecar's XMP into the file.
 */
@Service
public class SidecarWriter implements JobHandler<SidecarWriter.WriteJob> {

    public static final String JOB_TYPE = "write_sidecars";
    private static final Logger log = LoggerFactory.getLogger(SidecarWriter.class);
    /** How many failures a job's result lists (the log has every one). */
    private static final int LISTED = 200;

    public record WriteJob(long libraryId) implements JobSpec {
        @Override
        public String type() {
            return JOB_TYPE;
        }

        @Override
        public String key() {
            return "library:" + libraryId;
        }

        @Override
        public List<String> exclusive() {
            return List.of("library:" + libraryId);
        }
    }

    /** What a run wrote: sidecars made or changed, left as they were, originals written, and what failed. */
    public record Report(int written, int unchanged, int originals, List<String> failed) {
    }

    private final SidecarFacts facts;
    private final LibraryService libraries;
    private final OrganizeSettingsStore settings;
    private final JobRunner runner;
    private final org.archivist.scan.ScanService scans;

    SidecarWriter(SidecarFacts facts, LibraryService libraries, OrganizeSettingsStore settings, JobRunner runner, org.archivist.scan.ScanService scans) {
        this.scans = scans;
        this.facts = facts;
        this.libraries = libraries;
        this.settings = settings;
        this.runner = runner;
    }

    @Override
    public String type() {
        return JOB_TYPE;
    }

    @Override
    public Class<WriteJob> specification() {
        return WriteJob.class;
    }

    public Job submit(long libraryId) {
        libraries.get(libraryId);
        return runner.submit(new WriteJob(libraryId));
    }

    public Report writeNow(long libraryId) {
        libraries.get(libraryId);
        return runner.runToEnd(new WriteJob(libraryId), context -> write(libraryId, context), SidecarWriter::stored).value();
    }

    @Override
    public Map<String, Object> run(WriteJob spec, JobContext context) {
        return stored(write(spec.libraryId(), context));
    }

    private static Map<String, Object> stored(Report report) {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("written", report.written());
        stored.put("unchanged", report.unchanged());
        stored.put("originals", report.originals());
        stored.put("failed", report.failed());
        return stored;
    }

    Report write(long libraryId, JobContext context) {
        Library library = libraries.get(libraryId);
        Path root = Path.of(library.getRootPath());
        boolean intoOriginals = settings.get(libraryId).xmpIntoOriginals();
        boolean exiftool = intoOriginals && ExternalTool.canStart("exiftool", "-ver");
        List<String> failed = new ArrayList<>();
        if (intoOriginals && !exiftool) failed.add("XMP into originals is on, but ExifTool is not installed (Debian: libimage-exiftool-perl): sidecars only");
        int[] counts = new int[3];
        facts.forEach(libraryId, file -> {
            if (context.cancelled()) return;
            Path path = root.resolve(file.path());
            try {
                boolean changed = XmpSidecars.write(path, new XmpSidecars.Values(file.title(), file.tags(), file.rating(), file.capture(), file.offsetMinutes()));
                counts[changed ? 0 : 1]++;
                if (changed && exiftool) {
                    Path sidecar = XmpSidecars.existing(path);
                    ExternalTool.Result result = ExternalTool.run(List.of("exiftool", "-q", "-q", "-overwrite_original", "-tagsFromFile", sidecar.toString(),
                            "-xmp:all", path.toString()), Duration.ofSeconds(60));
                    if (result.exitCode() == 0) counts[2]++;
                    else failed(failed, path + ": ExifTool could not write into it (" + new String(result.output()).strip() + ")");
                }
            } catch (IOException | ExternalTool.ToolTimeoutException e) {
                failed(failed, path + ": " + e.getMessage());
            }
            context.progress(counts[0] + counts[1], null);
        });
        log.info("XMP sidecars of {}: {} written, {} unchanged, {} originals, {} failed", library.getName(), counts[0], counts[1], counts[2], failed.size());
        // Originals ExifTool rewrote have a new size, time and SHA-256: a scan (queued; it waits for this job) catalogues them again.
        if (counts[2] > 0) scans.submit(libraryId, false);
        return new Report(counts[0], counts[1], counts[2], List.copyOf(failed));
    }

    private static void failed(List<String> failed, String message) {
        log.warn("XMP sidecar: {}", message);
        if (failed.size() < LISTED) failed.add(message);
    }
}
