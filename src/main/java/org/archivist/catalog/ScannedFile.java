package org.archivist.catalog;

import java.time.Instant;

/**
 * Everything a scan learned about one file, ready to be written in one batch: where it is, what it
 * is, its fingerprints (the SHA-256 only of a file small enough to be read whole), its capture date, its metadata (null when there is none) and the item it
 * should get when it is new. A file that could not be read has status {@code error} and says why.
 */
public record ScannedFile(
        String path,
        long sizeBytes,
        Instant fileCreatedAt,
        Instant fileModifiedAt,
        String mimeType,
        MediaType mediaType,
        String quickHash,
        String sha256,
        CaptureDate capture,
        FileMetadata metadata,
        ItemProposal item,
        String scanError) {

    public String fileName() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    public FileStatus status() {
        return scanError == null ? FileStatus.PRESENT : FileStatus.ERROR;
    }

    /**
     * The file as a row the catalogue can always take: where it is, what it is and its
     * fingerprints (so it still takes part in exact duplicate detection), with no metadata or
     * capture date, a plain item, and {@code reason} as its error (after the error it had, if any).
     */
    public ScannedFile withoutFacts(String reason) {
        String error = scanError == null ? reason : scanError + "; " + reason;
        ItemProposal plain = item == null ? null : new ItemProposal(item.kind(), item.title(), null, null, null, null);
        return new ScannedFile(path, sizeBytes, fileCreatedAt, fileModifiedAt, mimeType, mediaType, quickHash, sha256,
                CaptureDate.NONE, null, plain, error);
    }
}
