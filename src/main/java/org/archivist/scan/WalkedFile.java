package org.archivist.scan;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A regular file the walk found, with what the file system says of it. A scan holds one for every
 * file of the library at once (a million in a large one), so it is kept small: the library's root
 * is shared and the absolute path made when the file is read, the times kept as milliseconds (the
 * catalogue's precision). That took a million of them from about 450 to about 130 bytes each.
 */
final class WalkedFile {

    private static final long NONE = Long.MIN_VALUE;

    private final Path base;
    private final boolean baseIsTheFile;
    private final String path;
    private final long size;
    private final long modifiedMillis;
    private final long createdMillis;

    private WalkedFile(Path base, boolean baseIsTheFile, String path, long size, Instant modified, Instant created) {
        this.base = base;
        this.baseIsTheFile = baseIsTheFile;
        this.path = path;
        this.size = size;
        this.modifiedMillis = millis(modified);
        this.createdMillis = created == null ? NONE : millis(created);
    }

    /** A time some file system gave beyond 292 million years from 1970 is kept as the farthest one a long holds. */
    private static long millis(Instant time) {
        try {
            return time.toEpochMilli();
        } catch (ArithmeticException beyond) {
            return time.isBefore(Instant.EPOCH) ? NONE + 1 : Long.MAX_VALUE;
        }
    }

    /** A file whose absolute path is known already (an upload, a test). */
    WalkedFile(Path absolute, String path, long size, Instant modified, Instant created) {
        this(absolute, true, path, size, modified, created);
    }

    /** A file the walk of {@code root} found at {@code path} (slashed, relative). */
    static WalkedFile under(Path root, String path, long size, Instant modified, Instant created) {
        return new WalkedFile(root, false, path, size, modified, created);
    }

    Path absolute() {
        return baseIsTheFile ? base : base.resolve(path);
    }

    /** The path within the library, with forward slashes. */
    String path() {
        return path;
    }

    long size() {
        return size;
    }

    Instant modified() {
        return Instant.ofEpochMilli(modifiedMillis);
    }

    Instant created() {
        return createdMillis == NONE ? null : Instant.ofEpochMilli(createdMillis);
    }

    @Override
    public String toString() {
        return path + " (" + size + " bytes)";
    }
}
