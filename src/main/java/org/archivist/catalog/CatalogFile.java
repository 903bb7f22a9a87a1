package org.archivist.catalog;

import java.time.Instant;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

import org.archivist.db.Instants;
import org.archivist.db.TimestampedEntity;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

/** Bytes on disk in a library: one row per path, kept (as missing) when the file vanishes. */
@Entity
@Table(name = "files")
public class CatalogFile extends TimestampedEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "library_id", nullable = false)
    @OnDelete(action = OnDeleteAction.CASCADE)
    private Library library;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "item_id")
    @OnDelete(action = OnDeleteAction.SET_NULL)
    private Item item;

    /** Relative to the library root, with '/' separators. */
    @Column(nullable = false)
    private String path;

    @Column(name = "file_name", nullable = false)
    private String fileName;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(name = "file_created_at")
    private Instant fileCreatedAt;

    @Column(name = "file_modified_at", nullable = false)
    private Instant fileModifiedAt;

    @Column(name = "mime_type")
    private String mimeType;

    @Column(name = "media_type", nullable = false)
    private MediaType mediaType;

    private String sha256;

    @Column(name = "quick_hash")
    private String quickHash;

    private Long phash;

    @Column(name = "detected_at")
    private Instant detectedAt;

    @Column(name = "detected_offset_minutes")
    private Integer detectedOffsetMinutes;

    @Column(name = "timestamp_source")
    private TimestampSource timestampSource;

    @Column(nullable = false)
    private Confidence confidence = Confidence.NONE;

    @Column(name = "original_path", nullable = false)
    private String originalPath;

    @Column(name = "output_path")
    private String outputPath;

    @Column(nullable = false)
    private FileStatus status = FileStatus.PRESENT;

    @Column(name = "scan_error")
    private String scanError;

    @Column(name = "is_processed", nullable = false)
    private boolean processed;

    @Column(name = "is_compressed", nullable = false)
    private boolean compressed;

    @Column(name = "compression_ratio")
    private Double compressionRatio;

    @Column(name = "last_scanned_at", nullable = false)
    private Instant lastScannedAt;

    @OneToOne(mappedBy = "file", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.LAZY)
    private FileMetadata metadata;

    protected CatalogFile() {
    }

    public CatalogFile(Library library, String path, long sizeBytes, Instant fileModifiedAt, MediaType mediaType) {
        this.library = library;
        this.path = path;
        this.fileName = path.substring(path.lastIndexOf('/') + 1);
        this.originalPath = path;
        this.sizeBytes = sizeBytes;
        this.fileModifiedAt = Instants.stored(fileModifiedAt);
        this.mediaType = mediaType;
        this.lastScannedAt = Instants.now();
    }

    /** Attaches metadata, replacing any there was. */
    public FileMetadata attachMetadata(FileMetadata newMetadata) {
        newMetadata.attachTo(this);
        this.metadata = newMetadata;
        return newMetadata;
    }

    public Long getId() { return id; }
    public Library getLibrary() { return library; }
    public Item getItem() { return item; }
    public void setItem(Item item) {
        if (this.item != null) {
            this.item.getFiles().remove(this);
        }
        this.item = item;
        if (item != null) {
            item.getFiles().add(this);
        }
    }
    public String getPath() { return path; }
    /** Moves the row to a new relative path; the original path is kept. */
    public void setPath(String path) {
        this.path = path;
        this.fileName = path.substring(path.lastIndexOf('/') + 1);
    }
    public String getFileName() { return fileName; }
    public long getSizeBytes() { return sizeBytes; }
    public void setSizeBytes(long sizeBytes) { this.sizeBytes = sizeBytes; }
    public Instant getFileCreatedAt() { return fileCreatedAt; }
    public void setFileCreatedAt(Instant fileCreatedAt) { this.fileCreatedAt = Instants.stored(fileCreatedAt); }
    public Instant getFileModifiedAt() { return fileModifiedAt; }
    public void setFileModifiedAt(Instant fileModifiedAt) { this.fileModifiedAt = Instants.stored(fileModifiedAt); }
    public String getMimeType() { return mimeType; }
    public void setMimeType(String mimeType) { this.mimeType = mimeType; }
    public MediaType getMediaType() { return mediaType; }
    public void setMediaType(MediaType mediaType) { this.mediaType = mediaType; }
    public String getSha256() { return sha256; }
    public void setSha256(String sha256) { this.sha256 = sha256; }
    public String getQuickHash() { return quickHash; }
    public void setQuickHash(String quickHash) { this.quickHash = quickHash; }
    public Long getPhash() { return phash; }
    public void setPhash(Long phash) { this.phash = phash; }
    public Instant getDetectedAt() { return detectedAt; }
    public Integer getDetectedOffsetMinutes() { return detectedOffsetMinutes; }
    public TimestampSource getTimestampSource() { return timestampSource; }
    public Confidence getConfidence() { return confidence; }
    /** Records the capture date; the offset is null when the source gave a wall-clock time only. */
    public void setCaptureDate(Instant detectedAt, Integer offsetMinutes, TimestampSource source, Confidence confidence) {
        this.detectedAt = Instants.stored(detectedAt);
        this.detectedOffsetMinutes = offsetMinutes;
        this.timestampSource = source;
        this.confidence = confidence == null ? Confidence.NONE : confidence;
    }
    public String getOriginalPath() { return originalPath; }
    public String getOutputPath() { return outputPath; }
    public void setOutputPath(String outputPath) { this.outputPath = outputPath; }
    public FileStatus getStatus() { return status; }
    public void setStatus(FileStatus status) { this.status = status; }
    public String getScanError() { return scanError; }
    public void setScanError(String scanError) { this.scanError = scanError; }
    public boolean isProcessed() { return processed; }
    public void setProcessed(boolean processed) { this.processed = processed; }
    public boolean isCompressed() { return compressed; }
    public void setCompressed(boolean compressed) { this.compressed = compressed; }
    public Double getCompressionRatio() { return compressionRatio; }
    public void setCompressionRatio(Double compressionRatio) { this.compressionRatio = compressionRatio; }
    public Instant getLastScannedAt() { return lastScannedAt; }
    public void setLastScannedAt(Instant lastScannedAt) { this.lastScannedAt = Instants.stored(lastScannedAt); }
    public FileMetadata getMetadata() { return metadata; }
}
