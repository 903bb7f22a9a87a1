package org.archivist.scan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

import org.archivist.catalog.CaptureDate;
import org.archivist.catalog.ItemProposal;
import org.archivist.catalog.MediaType;
import org.archivist.catalog.ScannedFile;
import org.archivist.fingerprint.OsHash;
import org.archivist.fingerprint.Sha256;
import org.archivist.metadata.MediaClassifier;
import org.archivist.metadata.MetadataExtractor;

/**
 * Learns what one file is: reads its head (and tail for the fingerprint) once, classifies it by
 * content, computes its quick hash (and SHA-256 when it read the whole file), and reads its metadata. Every failure becomes the file's
 * recorded error; nothing thrown here stops a scan.
 */
final class FileInspector {

    private final MediaClassifier classifier;
    private final MetadataExtractor extractor;
    private final Set<MediaType> include;

    FileInspector(MediaClassifier classifier, MetadataExtractor extractor, Set<MediaType> include) {
        this.classifier = classifier;
        this.extractor = extractor;
        this.include = include;
    }

    ScannedFile inspect(WalkedFile file) {
        String fileName = file.absolute().getFileName().toString();
        byte[] head;
        String quickHash;
        boolean readWhole;
        try (FileChannel channel = FileChannel.open(file.absolute(), StandardOpenOption.READ)) {
            long size = channel.size();
            readWhole = size <= 2L * OsHash.CHUNK;
            if (readWhole) {
                head = readFully(channel, 0, (int) size);
                quickHash = OsHash.ofWholeFile(head, head.length);
            } else {
                head = readFully(channel, 0, OsHash.CHUNK);
                byte[] tail = readFully(channel, size - OsHash.CHUNK, OsHash.CHUNK);
                quickHash = OsHash.ofHeadAndTail(size, head, tail);
            }
        } catch (NoSuchFileException e) {
            return failed(file, "vanished while being read");
        } catch (AccessDeniedException e) {
            return failed(file, "permission denied");
        } catch (IOException e) {
            return failed(file, "unreadable: " + e.getMessage());
        }
        MediaClassifier.Classification kind = classifier.classify(fileName, head, Math.min(head.length, MediaClassifier.HEAD_BYTES));
        boolean wanted = include.isEmpty() || include.contains(kind.mediaType());
        MetadataExtractor.Extraction extraction = extractor.extract(file.absolute(), fileName,
                wanted ? kind : new MediaClassifier.Classification(kind.mimeType(), MediaType.OTHER), file.created(), file.modified());
        String error = extraction.error();
        if (file.size() == 0) error = "empty file (0 bytes)";
        if (file.path().indexOf('\uFFFD') >= 0) {
            error = "file name is not valid UTF-8: it is catalogued with replacement characters; rename it to keep it findable";
        }
        boolean changed = changedSince(file);
        if (error == null && changed) error = "changed while being read; it will be read again by the next scan";
        // The bytes are in memory already: hashing them here spares the hashing stage (and duplicate
        // detection) opening tens of thousands of small files again.
        String sha256 = readWhole && !changed ? Sha256.ofContent(head) : null;
        return new ScannedFile(file.path(), file.size(), file.created(), file.modified(), kind.mimeType(), kind.mediaType(),
                quickHash, sha256, extraction.capture(), extraction.metadata(), extraction.item(), error);
    }

    private static boolean changedSince(WalkedFile file) {
        try {
            BasicFileAttributes now = Files.readAttributes(file.absolute(), BasicFileAttributes.class);
            return now.size() != file.size() || !org.archivist.db.Instants.stored(now.lastModifiedTime().toInstant()).equals(file.modified());
        } catch (IOException e) {
            return true;
        }
    }

    private static ScannedFile failed(WalkedFile file, String reason) {
        String fileName = file.absolute().getFileName().toString();
        String byName = java.net.URLConnection.guessContentTypeFromName(fileName);
        MediaType guess = MediaClassifier.mediaTypeOf(byName == null ? "application/octet-stream" : byName);
        String stem = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        return new ScannedFile(file.path(), file.size(), file.created(), file.modified(), null, guess, null, null,
                CaptureDate.NONE, null, new ItemProposal(ItemProposal.kindOf(guess), stem.isBlank() ? fileName : stem, null, null, null, null),
                reason);
    }

    private static byte[] readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("file shrank while it was read");
            }
        }
        return buffer.array();
    }
}
