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

    public static final String FFPROBE_MISSING = "ffprobe was not found: duration, dimensions, frame rate, codecs and bit rate "
            + "of the formats only it reads (MPEG transport streams such as .mts, WMA, damaged headers) are not read "
            + "(install it with: sudo apt-get install ffmpeg)";

    public static final String EXIFTOOL_MISSING = "exiftool was not found: capture dates, cameras and sizes of the formats only it "
            + "reads (Canon CR3 and CRW, Fujifilm RAF, Minolta MRW, Sigma X3F, JPEG XL, pictures metadata-extractor cannot "
            + "identify) are not read, and RAW sizes are those of their previews (install it with: sudo apt-get install libimage-exiftool-perl)";

    /** Which optional programs can be started; decided once, before any file is read. */
    public record Tools(boolean ffprobe, boolean exiftool) {
        /** One line for each missing program, naming what is lost without it. */
        public List<String> notices() {
            List<String> notices = new ArrayList<>();
            if (!ffprobe) notices.add(FFPROBE_MISSING);
            if (!exiftool) notices.add(EXIFTOOL_MISSING);
            return notices;
        }
    }

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
    private final String exiftoolProgram;
    private final ExifTool exiftool;
    private volatile Tools tools;

    @Autowired
    MetadataExtractor(JsonMapper json) {
        this(json, Clock.systemUTC(), Duration.ofSeconds(60));
    }

    public MetadataExtractor(JsonMapper json, Clock clock, Duration limit) {
        this(json, clock, limit, "ffprobe", "exiftool");
    }

    /** {@code ffprobeProgram}, {@code exiftoolProgram}: the commands to run (tests name ones that do not exist). */
    public MetadataExtractor(JsonMapper json, Clock clock, Duration limit, String ffprobeProgram, String exiftoolProgram) {
        this.resolver = new CaptureDateResolver(clock);
        this.video = new VideoReader(json, limit, ffprobeProgram);
        this.limit = limit;
        this.ffprobeProgram = ffprobeProgram;
        this.exiftoolProgram = exiftoolProgram;
        this.exiftool = new ExifTool(exiftoolProgram, json);
    }

    /**
     * Which optional programs this process can use, found out once by starting them: a scan asks
     * before it reads any file, so no per-file time limit or busy reader thread takes part.
     */
    public Tools tools() {
        Tools known = tools;
        if (known == null) {
            synchronized (this) {
                if (tools == null) {
                    tools = new Tools(ExternalTool.canStart(ffprobeProgram, "-version"), ExternalTool.canStart(exiftoolProgram, "-ver"));
                }
                known = tools;
            }
        }
        return known;
    }

    boolean ffprobeAvailable() {
        return tools().ffprobe();
    }

    /** Stops the ExifTool process kept open for the readers. */
    @jakarta.annotation.PreDestroy
    public void close() {
        exiftool.close();
    }

    public Extraction extract(Path file, String fileName, MediaClassifier.Classification kind, Instant created, Instant modified) {
        ExtractedFacts facts = new ExtractedFacts();
        facts.deadline = System.nanoTime() + limit.toNanos();
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
            case IMAGE -> readPhoto(file, kind.mimeType(), facts);
            case VIDEO -> readVideo(file, kind.mimeType(), facts);
            case AUDIO -> readAudio(file, kind.mimeType(), facts);
            case DOCUMENT -> {
                if (kind.mimeType().equals("application/pdf")) PdfReader.read(file.toFile(), facts);
            }
            case BOOK -> {
                if (kind.mimeType().equals("application/epub+zip")) EpubReader.read(file.toFile(), facts);
            }
            case OTHER -> { }
        }
    }

    /**
     * jaudiotagger reads the tags, and the stream facts where its header reading is exact (FLAC, Ogg,
     * WAV, AIFF); MP4 audio's streams come from its movie box and MP3's from its frame headers, as
     * ffprobe reads them. Opus's from its Ogg pages. ffprobe (a process start of ~60 ms) only for the rest (WMA...) or
     * when those readers fail.
     */
    private void readAudio(Path file, String mime, ExtractedFacts facts) throws Exception {
        String extension = AudioFormats.extensionFor(mime, file.getFileName().toString());
        Exception unreadableTags = null;
        if (extension != null) {
            try {
                AudioReader.read(file.toFile(), extension, facts);
            } catch (Exception e) {
                unreadableTags = e;
            }
        }
        boolean iso = isIsoMedia(mime);
        boolean mpeg = mime.equals("audio/mpeg");
        boolean streamsRead = iso ? readIsoMedia(file, facts)
                : mpeg ? applied(MpegAudioReader.read(file), facts)
                : (extension == null && mime.contains("ogg") || mime.equals("audio/opus")) && applied(OpusReader.read(file, facts), facts);
        // jaudiotagger's MP3 and WMA durations are estimates or the header's claim (42 s for a 1.7 s WMA here).
        boolean exactHeader = !iso && !mpeg && !mime.equals("audio/x-ms-wma");
        boolean complete = streamsRead || unreadableTags == null && exactHeader && facts.metadata.getDurationSeconds() != null;
        if (mpeg && !streamsRead && MpegAudioReader.noAudioAfterTag(file)) {
            throw new java.io.IOException("no audio after the ID3 tag (no MPEG frame, no other format's signature)");
        }
        if (!complete && ffprobeAvailable()) {
            if (!video.read(file, facts) && (unreadableTags != null || facts.metadata.getDurationSeconds() == null)) {
                throw new java.io.IOException(lastWarning(facts));
            }
        } else if (!complete && unreadableTags != null) {
            throw unreadableTags;
        }
        if (unreadableTags != null) facts.warn("audio tags unreadable (" + unreadableTags.getClass().getSimpleName() + ")");
        if (mime.equals("audio/x-ms-wma") || mime.equals("video/x-ms-wmv")) AsfReader.read(file, facts);
    }

    /**
     * metadata-extractor first (EXIF/XMP/IPTC in-process, well under a millisecond a photo); ExifTool,
     * kept open, for a picture it cannot identify, and for camera RAW and newer formats (HEIF, AVIF,
     * JPEG XL) when it missed the date, the camera or the size, or when the size it can give is a
     * preview's (RAF). What ExifTool supplied is marked in {@code extra.readBy}.
     */
    private void readPhoto(Path file, String mime, ExtractedFacts facts) throws Exception {
        Exception unreadable = null;
        boolean raw = PhotoFormats.isCameraRaw(mime);
        try {
            PhotoReader.read(file, facts, raw || mime.equals("image/tiff"), raw);
        } catch (com.drew.imaging.ImageProcessingException | java.io.IOException | RuntimeException e) {
            unreadable = e;
        }
        boolean incomplete = facts.dates.found().stream().noneMatch(c -> c.tag().startsWith("EXIF:"))
                || facts.metadata.getCameraMake() == null || facts.metadata.getWidth() == null || facts.metadata.getHeight() == null;
        boolean ask = unreadable != null || (raw || PhotoFormats.isModern(mime)) && (incomplete || PhotoFormats.sizeOnlyFromExifTool(mime));
        if (ask && tools().exiftool()) {
            // What is left of this file's time limit, less a margin for the rest of its reading.
            Duration left = Duration.ofNanos(facts.deadline - System.nanoTime()).minus(limit.dividedBy(10));
            String failure;
            try {
                if (left.isNegative()) throw new ExternalTool.ToolTimeoutException("no time left for exiftool");
                tools.jackson.databind.JsonNode tags = exiftool.read(file, left);
                if (tags.has("ExifTool:Error") && unreadable != null) {
                    failure = tags.get("ExifTool:Error").asString();
                } else {
                    ExifToolFacts.apply(tags, facts, raw);
                    facts.extra.put("readBy", "exiftool");
                    return;
                }
            } catch (ExternalTool.ToolTimeoutException | java.io.IOException | RuntimeException e) {
                failure = e.getMessage();
            }
            // What the in-process reader found stands; only a file neither could read is an error.
            if (unreadable == null) {
                facts.warn("exiftool: " + failure);
                return;
            }
            throw new java.io.IOException(unreadable.getMessage() + "; exiftool: " + failure, unreadable);
        }
        if (unreadable != null && ask) {
            throw new java.io.IOException(unreadable.getMessage() + " (exiftool, the fallback reader, is not installed)", unreadable);
        }
        if (unreadable != null) throw unreadable;
    }

    /** False when the reader could not use the file's headers (the caller then asks ffprobe). */
    private static boolean applied(StreamFacts streams, ExtractedFacts facts) {
        if (streams == null) return false;
        streams.applyTo(facts);
        return true;
    }

    /**
     * ISO media (MP4, MOV, 3GP) is read in-process: the movie box for the streams, metadata-extractor for
     * dates, make, model, GPS and XMP; so are AVI (its header list) and Matroska/WebM (its Info and
     * Tracks). MPEG transport streams, other containers, and files whose headers these readers cannot
     * use go to ffprobe; without ffprobe, to metadata-extractor alone.
     */
    private void readVideo(Path file, String mime, ExtractedFacts facts) throws Exception {
        if (isIsoMedia(mime) && readIsoMedia(file, facts)) return;
        if (mime.equals("video/webm") || mime.equals("video/x-matroska")) {
            MatroskaReader.Matroska matroska = MatroskaReader.read(file);
            if (matroska.streams() != null) {
                matroska.streams().applyTo(facts);
                if (matroska.created() != null) facts.dates.addInstant(DateOrigin.CONTAINER, "Matroska:DateUTC", matroska.created());
                if (matroska.title() != null) facts.title = matroska.title();
                return;
            }
        }
        if (mime.equals("video/x-msvideo")) {
            AviReader.Avi avi = AviReader.read(file);
            if (avi.streams() != null) {
                avi.streams().applyTo(facts);
                // A local wall-clock time: RIFF has no time zone.
                facts.dates.addText(DateOrigin.CONTAINER, "RIFF:DateTimeOriginal", avi.recorded(), false);
                return;
            }
        }
        boolean probed = ffprobeAvailable() && video.read(file, facts);
        if (mime.equals("video/mp2t")) AvchdReader.read(file, facts);
        if (!probed && !mime.equals("video/mp2t")) {
            try {
                readContainerTags(file, facts);
            } catch (com.drew.imaging.ImageProcessingException e) {
                facts.warn("no metadata reader for this video without ffprobe: " + e.getMessage());
            }
        }
    }

    /** False when the movie box gave no streams: the caller falls back to ffprobe, and nothing was added. */
    private static boolean readIsoMedia(Path file, ExtractedFacts facts) throws Exception {
        StreamFacts streams = IsoMediaReader.read(file, facts::gpsIso6709);
        if (streams == null) return false;
        try {
            readContainerTags(file, facts);
        } catch (Exception e) {
            // The streams are known; damaged tags cost only the tags.
            facts.warn("container tags unreadable (" + e.getClass().getSimpleName() + "): " + e.getMessage());
        }
        streams.applyTo(facts);
        return true;
    }

    private static void readContainerTags(Path file, ExtractedFacts facts) throws Exception {
        com.drew.metadata.Metadata all = com.drew.imaging.ImageMetadataReader.readMetadata(file.toFile());
        PhotoReader.read(all, facts);
        QuickTimeReader.read(all, facts);
    }

    private static boolean isIsoMedia(String mime) {
        return mime.equals("video/mp4") || mime.equals("video/quicktime") || mime.equals("video/3gpp")
                || mime.equals("audio/mp4") || mime.equals("audio/x-m4a");
    }

    private static String lastWarning(ExtractedFacts facts) {
        return facts.warnings.isEmpty() ? "unreadable audio" : facts.warnings.get(facts.warnings.size() - 1);
    }

    private static ItemProposal proposal(String fileName, MediaType mediaType, ExtractedFacts facts,
                                         CaptureDateResolver.Resolution resolution) {
        ItemKind kind = ItemProposal.kindOf(mediaType);
        // A document that carries an ISBN is a published book (a PDF e-book), not a letter or a form.
        if (kind == ItemKind.DOCUMENT && facts.isbn13 != null) kind = ItemKind.BOOK;
        String title = facts.title != null ? facts.title : stem(fileName);
        LocalDate itemDate = facts.publicationDate;
        if (itemDate == null && (kind == ItemKind.PHOTO || kind == ItemKind.SCENE) && resolution.winner() != null
                && resolution.winner().origin() != DateOrigin.FILE_SYSTEM) {
            itemDate = resolution.winner().wallClock().toLocalDate();
        }
        return new ItemProposal(kind, title, itemDate, facts.isbn13, facts.people, List.copyOf(facts.genres), facts.studio, facts.details);
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
