package org.archivist.metadata;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.archivist.catalog.CaptureDate;
import org.archivist.catalog.FileMetadata;
import org.archivist.catalog.ItemKind;
import org.archivist.catalog.ItemProposal;
import org.archivist.catalog.MediaType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one file's metadata with the reader for its kind, collects every date it carries plus the
 * file name's and the file system's, and chooses the capture date. Each file gets a time limit: a
 * parser that loops on a hostile file is abandoned and the file gets an error, the scan goes on.
 */
@Service
public class MetadataExtractor {

    public static final String FFPROBE_MISSING = "ffprobe was not found: video duration, dimensions, frame rate, codecs, "
            + "bit rate and creation time are not read (install it with: sudo apt-get install ffmpeg)";

    /** The outcome for one file: metadata (null when the file has none), capture date, proposed item, error. */
    public record Extraction(FileMetadata metadata, CaptureDate capture, ItemProposal item, String error) {
    }

    private final String ffprobeProgram;
    private final CaptureDateResolver resolver;
    private final VideoReader video;
    private final Duration limit;
    private final ExecutorService readers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "metadata-reader");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Boolean ffprobe;
    private volatile Consumer<String> notices = message -> { };

    @Autowired
    MetadataExtractor(JsonMapper json) {
        this(json, Clock.systemUTC(), Duration.ofSeconds(60));
    }

    public MetadataExtractor(JsonMapper json, Clock clock, Duration limit) {
        this(json, clock, limit, "ffprobe");
    }

    /** {@code ffprobeProgram}: the command to run (tests name one that does not exist). */
    public MetadataExtractor(JsonMapper json, Clock clock, Duration limit, String ffprobeProgram) {
        this.resolver = new CaptureDateResolver(clock);
        this.video = new VideoReader(json, limit, ffprobeProgram);
        this.limit = limit;
        this.ffprobeProgram = ffprobeProgram;
    }

    /** Where one-time notices go (a missing ffprobe); the scan prints them once. */
    public void onNotice(Consumer<String> notices) {
        this.notices = notices;
    }

    public boolean ffprobeAvailable() {
        Boolean known = ffprobe;
        if (known == null) {
            known = ExternalTool.available(ffprobeProgram);
            ffprobe = known;
            if (!known) notices.accept(FFPROBE_MISSING);
        }
        return known;
    }

    public Extraction extract(Path file, String fileName, MediaClassifier.Classification kind, Instant created, Instant modified) {
        ExtractedFacts facts = new ExtractedFacts();
        String error = null;
        if (kind.mediaType() != MediaType.OTHER) {
            Future<?> reading = readers.submit(() -> {
                readByKind(file, kind, facts);
                return null;
            });
            try {
                reading.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                reading.cancel(true);
                error = "metadata could not be read within " + limit.toSeconds() + " s";
            } catch (ExecutionException e) {
                error = describe(e.getCause());
            } catch (InterruptedException e) {
                reading.cancel(true);
                Thread.currentThread().interrupt();
                error = "interrupted while reading metadata";
            }
        }
        FileNameDates.find(fileName).ifPresent(facts.dates::add);
        if (modified != null) facts.dates.add(DateCandidate.utc(DateOrigin.FILE_SYSTEM, "File:ModifyDate", modified));
        if (created != null && (modified == null || created.isBefore(modified))) {
            facts.dates.add(DateCandidate.utc(DateOrigin.FILE_SYSTEM, "File:CreateDate", created));
        }
        CaptureDateResolver.Resolution resolution = resolver.resolve(facts.dates);
        FileMetadata metadata = null;
        if (kind.mediaType() != MediaType.OTHER || facts.anyMetadata) {
            metadata = facts.metadata;
            Map<String, Object> extra = new LinkedHashMap<>(facts.extra);
            extra.put("dateCandidates", resolution.valid().stream().map(DateCandidates::describe).toList());
            if (!resolution.rejected().isEmpty()) {
                extra.put("rejectedDates", resolution.rejected().stream()
                        .map(r -> Map.of("tag", r.tag(), "value", r.value(), "reason", r.reason())).toList());
            }
            if (resolution.winner() != null) extra.put("captureDateTag", resolution.winner().tag());
            if (!facts.warnings.isEmpty()) extra.put("warnings", new ArrayList<>(facts.warnings));
            metadata.setExtra(extra);
        }
        return new Extraction(metadata, resolution.chosen(), proposal(fileName, kind.mediaType(), facts, resolution), error);
    }

    private void readByKind(Path file, MediaClassifier.Classification kind, ExtractedFacts facts) throws Exception {
        switch (kind.mediaType()) {
            case IMAGE -> PhotoReader.read(file, facts);
            case VIDEO -> {
                boolean probed = ffprobeAvailable() && video.read(file, facts);
                if (kind.mimeType().equals("video/mp2t")) AvchdReader.read(file, facts);
                if (!probed && !kind.mimeType().equals("video/mp2t")) {
                    try {
                        com.drew.metadata.Metadata all = com.drew.imaging.ImageMetadataReader.readMetadata(file.toFile());
                        PhotoReader.read(all, facts);
                        QuickTimeReader.read(all, facts);
                    } catch (com.drew.imaging.ImageProcessingException e) {
                        facts.warn("no metadata reader for this video without ffprobe: " + e.getMessage());
                    }
                }
            }
            case AUDIO -> {
                // jaudiotagger reads tags and the stream header in-process; ffprobe (a process start of ~60 ms)
                // only where it knows more, for formats jaudiotagger cannot read, or when it fails.
                String extension = AudioFormats.extensionFor(kind.mimeType(), file.getFileName().toString());
                boolean tagged = false;
                if (extension != null) {
                    try {
                        AudioReader.read(file.toFile(), extension, facts);
                        tagged = facts.metadata.getDurationSeconds() != null;
                    } catch (Exception e) {
                        if (!ffprobeAvailable()) throw e;
                        facts.warn("audio tags unreadable (" + e.getClass().getSimpleName() + "), read by ffprobe instead");
                    }
                }
                // MP4 audio keeps its creation time where only ffprobe reads it; for MP3 and WMA jaudiotagger's
                // duration is an estimate or the header's claim (42 s for a 1.7 s WMA here). Those still go through ffprobe.
                boolean ffprobeKnowsMore = kind.mimeType().equals("audio/mp4") || kind.mimeType().equals("audio/x-m4a")
                        || kind.mimeType().equals("audio/mpeg") || kind.mimeType().equals("audio/x-ms-wma");
                if ((!tagged || ffprobeKnowsMore) && ffprobeAvailable()) {
                    if (!video.read(file, facts) && !tagged) throw new java.io.IOException(lastWarning(facts));
                }
                if (kind.mimeType().equals("audio/x-ms-wma") || kind.mimeType().equals("video/x-ms-wmv")) AsfReader.read(file, facts);
            }
            case DOCUMENT -> {
                if (kind.mimeType().equals("application/pdf")) PdfReader.read(file.toFile(), facts);
            }
            case BOOK -> {
                if (kind.mimeType().equals("application/epub+zip")) EpubReader.read(file.toFile(), facts);
            }
            case OTHER -> { }
        }
    }

    private static String lastWarning(ExtractedFacts facts) {
        return facts.warnings.isEmpty() ? "unreadable audio" : facts.warnings.get(facts.warnings.size() - 1);
    }

    private static ItemProposal proposal(String fileName, MediaType mediaType, ExtractedFacts facts,
                                         CaptureDateResolver.Resolution resolution) {
        ItemKind kind = ItemProposal.kindOf(mediaType);
        String title = facts.title != null ? facts.title : stem(fileName);
        LocalDate itemDate = facts.publicationDate;
        if (itemDate == null && (kind == ItemKind.PHOTO || kind == ItemKind.SCENE) && resolution.winner() != null
                && resolution.winner().origin() != DateOrigin.FILE_SYSTEM) {
            itemDate = resolution.winner().wallClock().toLocalDate();
        }
        return new ItemProposal(kind, title, itemDate, facts.isbn13, facts.people, List.copyOf(facts.genres));
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
        return stem.isBlank() ? fileName : stem;
    }

    private static String describe(Throwable e) {
        String type = e.getClass().getSimpleName();
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().strip();
        if (message.length() > 300) message = message.substring(0, 300) + "...";
        return "metadata unreadable (" + type + message + ")";
    }
}
