package org.archivist.organize;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The disk side of organizing, one file at a time, never overwriting: on one file system a hard
 * link at the new name and then the old name removed (the file is under at least one of its names
 * at every moment, and a taken name fails the link instead of being replaced, which a rename would
 * do); across file systems (or to copy) a copy to a temporary name beside the target, flushed to
 * disk, read back and its SHA-256 checked against the source's, then linked into place the same way.
 */
final class FileMover {

    /** The temporary name of a copy on its way, beside its target: recovery removes any it finds. */
    static Path partial(Path target, long moveId) {
        return target.resolveSibling(".archivist-organize-" + moveId + ".part");
    }

    /** Thrown when the source is not what the run saw: gone, or changed (during the copy, or since it was catalogued). */
    static final class SourceChanged extends IOException {
        SourceChanged(String message) {
            super(message);
        }
    }

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    private final MessageDigest digest;
    private final Map<Path, Object> devices = new HashMap<>();
    private final org.archivist.fingerprint.Sha256 hasher = new org.archivist.fingerprint.Sha256();

    FileMover() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** Whether the target's folder (or the nearest one that exists) is on the source's file system. */
    boolean sameFileSystem(Path source, Path target) throws IOException {
        Path folder = target.getParent();
        while (folder != null && !Files.exists(folder)) folder = folder.getParent();
        if (folder == null) return false;
        return device(source.getParent()).equals(device(folder));
    }

    private Object device(Path folder) throws IOException {
        Object known = devices.get(folder);
        if (known == null) {
            known = Files.getAttribute(folder, "unix:dev");
            devices.put(folder, known);
        }
        return known;
    }

    /** The two names are on different file systems after all (two mounts of one disk): the move has to be a verified copy. */
    static final class CrossDevice extends IOException {
        CrossDevice(Path source, Path target) {
            super(source + " and " + target + " are on different file systems");
        }
    }

    /**
     * Where a file written at this path would really land: the part of the path that exists with
     * every link in it followed, and the rest as it is. A folder inside the destination that is a
     * link to elsewhere shows here, where the path's text does not.
     */
    static Path real(Path path) throws IOException {
        Path existing = path.toAbsolutePath().normalize();
        Path rest = existing.getFileSystem().getPath("");
        while (existing.getParent() != null && !Files.exists(existing)) {
            rest = existing.getFileName().resolve(rest);
            existing = existing.getParent();
        }
        return existing.toRealPath().resolve(rest).normalize();
    }

    /**
     * A same-disk move that never overwrites: link, then remove the old name. Where there are no
     * hard links (FAT, exFAT, some network shares) a rename that must stay a rename (never Java's
     * copy-and-delete), after checking the name is free.
     */
    static void rename(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.createLink(target, source);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (e.getMessage() != null && e.getMessage().contains("cross-device")) throw new CrossDevice(source, target);
            if (exists(target)) throw new FileAlreadyExistsException(target.toString());
            try {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException notOneDisk) {
                throw new CrossDevice(source, target);
            }
            return;
        }
        Files.delete(source);
    }

    /** Flushes a folder's entries (the names just linked into it) to disk, before anything they replace is removed. */
    static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a folder for this; their metadata is then as safe as they make it.
        }
    }

    /**
     * Copies the source to {@code temporary}, flushed to disk, and answers its SHA-256 after
     * reading the copy back. The source must still be as it was ({@code expectedSha256}, where the
     * catalogue has one; its size and time unchanged over the copy) and the copy equal to it.
     */
    String copyVerified(Path source, Path temporary, String expectedSha256, Runnable copied) throws IOException {
        Files.createDirectories(temporary.getParent());
        long size = Files.size(source);
        FileTime modified = Files.getLastModifiedTime(source);
        String read = null;
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            // The source's hash as read is needed only where the catalogue has none to hold the copy to.
            digest.reset();
            buffer.clear();
            while (in.read(buffer) >= 0) {
                buffer.flip();
                if (expectedSha256 == null) digest.update(buffer.duplicate());
                while (buffer.hasRemaining()) out.write(buffer);
                buffer.clear();
            }
            out.force(true);
            if (expectedSha256 == null) read = HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        copied.run();
        if (Files.size(source) != size || !Files.getLastModifiedTime(source).equals(modified)) {
            Files.deleteIfExists(temporary);
            throw new SourceChanged("it changed during the copy; left where it is");
        }
        String written = sha256(temporary);
        if (expectedSha256 != null && !expectedSha256.equals(written)) {
            Files.deleteIfExists(temporary);
            // Either the source is not what was catalogued or the copy is not the source: which, the source's own hash tells.
            if (!expectedSha256.equals(sha256(source))) throw new SourceChanged("its content changed since it was catalogued (SHA-256 differs); scan it again first");
            throw new IOException("the copy at " + temporary + " did not read back as the source (SHA-256 differs)");
        }
        if (read != null && !read.equals(written)) {
            Files.deleteIfExists(temporary);
            throw new IOException("the copy at " + temporary + " did not read back as the source (SHA-256 differs)");
        }
        Files.setLastModifiedTime(temporary, modified);
        return written;
    }

    /** The file's SHA-256, read now. */
    String sha256(Path file) throws IOException {
        return hasher.of(file);
    }

    static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }
}
