package org.archivist.scan;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.archivist.db.Instants;

/**
 * Lists a library's regular files with their sizes and times. Symbolic links are followed only
 * when the library says so, and then a link back up the tree is reported and skipped rather than
 * walked forever. Folders that cannot be read are reported, not fatal.
 */
final class TreeWalker {

    record Walk(List<WalkedFile> files, List<String> problems) {
    }

    private TreeWalker() {
    }

    static Walk walk(Path root, List<String> excludeGlobs, boolean followLinks) throws IOException {
        // "**/x" also matches x at the top of the tree, as people expect.
        List<PathMatcher> excluded = excludeGlobs.stream()
                .flatMap(glob -> glob.startsWith("**/") ? java.util.stream.Stream.of(glob, glob.substring(3)) : java.util.stream.Stream.of(glob))
                .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob)).toList();
        List<WalkedFile> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int prefix = root.toString().endsWith("/") ? root.toString().length() : root.toString().length() + 1;
        Set<FileVisitOption> options = followLinks ? EnumSet.of(FileVisitOption.FOLLOW_LINKS) : EnumSet.noneOf(FileVisitOption.class);
        Files.walkFileTree(root, options, Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                if (!dir.equals(root) && (isExcluded(root.relativize(dir), excluded) || isTrash(root, dir))) return FileVisitResult.SKIP_SUBTREE;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (!attributes.isRegularFile()) return FileVisitResult.CONTINUE;
                if (!excluded.isEmpty() && isExcluded(root.relativize(file), excluded)) return FileVisitResult.CONTINUE;
                // The walk yields root + "/" + relative path: cutting the string is far cheaper than relativize().
                String relative = file.toString().substring(prefix);
                // The catalogue keeps milliseconds; compare like with like.
                java.time.Instant modified = Instants.stored(attributes.lastModifiedTime().toInstant());
                java.time.Instant created = attributes.creationTime() == null ? null : Instants.stored(attributes.creationTime().toInstant());
                // A name that is not valid UTF-8 does not survive the round trip through text: such a file keeps the path the walk gave.
                files.add(relative.indexOf('\uFFFD') >= 0 ? new WalkedFile(file, slashedText(relative), attributes.size(), modified, created)
                        : WalkedFile.under(root, slashedText(relative), attributes.size(), modified, created));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                String where = slashed(root.relativize(file));
                problems.add(e instanceof FileSystemLoopException ? where + ": symbolic link loop, skipped"
                        : where + ": cannot be read (" + e.getClass().getSimpleName() + ")");
                return FileVisitResult.CONTINUE;
            }
        });
        return new Walk(files, problems);
    }

    /** The library's trash folder holds discarded copies; they are not part of the library. */
    private static boolean isTrash(Path root, Path dir) {
        return dir.getParent() != null && dir.getParent().equals(root) && dir.getFileName().toString().equals(org.archivist.catalog.Library.TRASH_FOLDER);
    }

    private static boolean isExcluded(Path relative, List<PathMatcher> excluded) {
        for (PathMatcher matcher : excluded) {
            if (matcher.matches(relative) || matcher.matches(relative.getFileName())) return true;
        }
        return false;
    }

    private static String slashedText(String relative) {
        String separator = java.io.File.separator;
        return separator.equals("/") ? relative : relative.replace(separator, "/");
    }

    static String slashed(Path relative) {
        return slashedText(relative.toString());
    }
}
