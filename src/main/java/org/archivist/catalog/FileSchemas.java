package org.archivist.catalog;

import java.time.Instant;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Request and response shapes of files and their metadata. */
public final class FileSchemas {

    private FileSchemas() {
    }

    public record Create(
            @NotNull @Positive Long libraryId,
            @NotBlank @Size(max = 4096) String path,
            @NotNull @PositiveOrZero Long sizeBytes,
            @NotNull Instant fileModifiedAt,
            Instant fileCreatedAt,
            @NotNull MediaType mediaType,
            @Size(max = 255) String mimeType,
            @Pattern(regexp = "^[0-9a-f]{64}$", message = "must be 64 lower-case hexadecimal digits") String sha256,
            @Valid Metadata metadata) {
    }

    /** A person's corrections; only the fields given change. */
    public record Update(
            @Positive Long itemId,
            Instant detectedAt,
            @Min(-1080) @Max(1080) Integer detectedOffsetMinutes,
            FileStatus status) {
    }

    public record Metadata(
            @PositiveOrZero Double durationSeconds,
            @Positive Integer width,
            @Positive Integer height,
            @PositiveOrZero Double fps,
            @Size(max = 100) String videoCodec,
            @Size(max = 100) String audioCodec,
            @PositiveOrZero Long bitrate,
            @Positive Integer sampleRate,
            @Positive Integer channels,
            @Size(max = 500) String artist,
            @Size(max = 500) String album,
            @Size(max = 500) String title,
            @Min(1000) @Max(9999) Integer year,
            @Size(max = 200) String genre,
            @Size(max = 200) String cameraMake,
            @Size(max = 200) String cameraModel,
            @Size(max = 200) String lens,
            @Positive Integer iso,
            @Positive Double aperture,
            @Size(max = 50) String shutterSpeed,
            @Positive Double focalLength,
            @Min(1) @Max(8) Integer orientation,
            @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @DecimalMin("-180") @DecimalMax("180") Double longitude,
            Double altitude,
            @Size(max = 500) String locationName,
            @PositiveOrZero Integer pageCount,
            @Size(max = 35) String language,
            Map<String, Object> extra) {

        public static Metadata of(FileMetadata m) {
            return new Metadata(m.getDurationSeconds(), m.getWidth(), m.getHeight(), m.getFps(), m.getVideoCodec(),
                    m.getAudioCodec(), m.getBitrate(), m.getSampleRate(), m.getChannels(), m.getArtist(), m.getAlbum(),
                    m.getTitle(), m.getYear(), m.getGenre(), m.getCameraMake(), m.getCameraModel(), m.getLens(),
                    m.getIso(), m.getAperture(), m.getShutterSpeed(), m.getFocalLength(), m.getOrientation(),
                    m.getLatitude(), m.getLongitude(), m.getAltitude(), m.getLocationName(), m.getPageCount(),
                    m.getLanguage(), m.getExtra());
        }
    }

    /** A file as listed under its item. */
    public record Summary(long id, String path, MediaType mediaType, long sizeBytes, FileStatus status) {

        public static Summary of(CatalogFile file) {
            return new Summary(file.getId(), file.getPath(), file.getMediaType(), file.getSizeBytes(), file.getStatus());
        }
    }

    public record Response(long id, long libraryId, Long itemId, String path, String fileName, long sizeBytes,
                           Instant fileCreatedAt, Instant fileModifiedAt, String mimeType, MediaType mediaType,
                           String sha256, String quickHash, Long phash, Instant detectedAt,
                           Integer detectedOffsetMinutes, TimestampSource timestampSource, Confidence confidence,
                           String originalPath, String outputPath, FileStatus status, String scanError,
                           boolean processed, Metadata metadata, Instant lastScannedAt, Instant createdAt,
                           Instant updatedAt) {

        public static Response of(CatalogFile f) {
            return new Response(f.getId(), f.getLibrary().getId(), f.getItem() == null ? null : f.getItem().getId(),
                    f.getPath(), f.getFileName(), f.getSizeBytes(), f.getFileCreatedAt(), f.getFileModifiedAt(),
                    f.getMimeType(), f.getMediaType(), f.getSha256(), f.getQuickHash(), f.getPhash(), f.getDetectedAt(),
                    f.getDetectedOffsetMinutes(), f.getTimestampSource(), f.getConfidence(), f.getOriginalPath(),
                    f.getOutputPath(), f.getStatus(), f.getScanError(), f.isProcessed(),
                    f.getMetadata() == null ? null : Metadata.of(f.getMetadata()), f.getLastScannedAt(),
                    f.getCreatedAt(), f.getUpdatedAt());
        }
    }
}
