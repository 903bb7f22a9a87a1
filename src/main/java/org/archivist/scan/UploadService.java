package org.archivist.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.archivist.catalog.FileCatalog;
import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.db.Instants;
import org.archivist.metadata.MediaClassifier;
import org.archivist.metadata.MetadataExtractor;
import org.archivist.settings.SettingsService;
import org.springframework.stereotype.Service;

/**
 * A file sent from a browser into a library's import folder: streamed to a hidden part file beside
 * its destination (never held in memory), its SHA-256 computed on the way, refused as soon as it
 * passes the size limit, flushed to disk, and only then renamed into place under a safe name that
 * takes nothing's place. Content the library already has is reported and not stored twice unless
 * asked. The file is then catalogued at once, as a scan would catalogue it.
 */
@Service
public class UploadService {

    /** What became of an upload: stored at {@code path} (relative to the library) or, for known content, where it already is. */
    public record Uploaded(String path, String sha256, long sizeBytes, String duplicateOf, Long fileId) {
    }

    /** The upload was refused before anything was kept; {@code status} is the HTTP status that says why. */
    public static final class Refused extends RuntimeException {
        private final int status;

        public Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private static final Pattern RESERVED = Pattern.compile("[<>:\"/\\\\|?*\\p{Cntrl}]");
    private static final Set<String> DEVICE_NAMES = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6",
            "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    private final LibraryService libraries;
    private final FileCatalog catalog;
    private final SettingsService settings;
    private final MediaClassifier classifier;
    private final MetadataExtractor extractor;

    UploadService(LibraryService libraries, FileCatalog catalog, SettingsService settings, MediaClassifier classifier,
                  MetadataExtractor extractor) {
        this.libraries = libraries;
        this.catalog = catalog;
        this.settings = settings;
        this.classifier = classifier;
        this.extractor = extractor;
    }

    private long limitBytes() {
        return settings.intValue("upload.max_megabytes") * 1024L * 1024L;
    }

    /**
     * Stores {@code body} as {@code name} in the library's import folder. {@code declaredSize} (the
     * request's Content-Length, -1 when unknown) is checked before a byte is written.
     */
    public Uploaded upload(long libraryId, String name, long declaredSize, InputStream body, boolean keepDuplicate) throws IOException {
        Library library = libraries.get(libraryId);
        Path root = Path.of(library.getRootPath()).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) throw new Refused(409, "library " + library.getName() + " is offline (" + root + " is not there)");
        long limit = limitBytes();
        if (declaredSize > limit) throw new Refused(413, "the file is " + declaredSize + " bytes, over the limit of " + limit + " bytes");
        String safe = safeName(name);
        String folderName = settings.value("upload.folder").map(v -> v.asString()).filter(v -> !v.isBlank()).orElse("Import");
        Path folder = root.resolve(safeName(folderName)).normalize();
        if (!folder.startsWith(root)) throw new Refused(400, "upload.folder: must be a folder inside the library");
        Files.createDirectories(folder);
        Path part = Files.createTempFile(folder, ".upload-", ".part");
        try {
            MessageDigest sha = sha256();
            long written = 0;
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE);
                 OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), sha)) {
                byte[] buffer = new byte[256 * 1024];
                for (int n; (n = body.read(buffer)) > 0; ) {
                    written += n;
                    if (written > limit) throw new Refused(413, "the file is over the limit of " + limit + " bytes");
                    out.write(buffer, 0, n);
                }
                out.flush();
                channel.force(true);
            }
            if (declaredSize >= 0 && written != declaredSize) {
                throw new Refused(400, "the upload ended after " + written + " of " + declaredSize + " bytes");
            }
            String hash = HexFormat.of().formatHex(sha.digest());
            if (!keepDuplicate) {
                var existing = catalog.withContent(libraryId, hash);
                if (existing.isPresent()) return new Uploaded(null, hash, written, existing.get(), null);
            }
            Path target = place(part, folder, safe);
            String relative = root.relativize(target).toString().replace(java.io.File.separatorChar, '/');
            return new Uploaded(relative, hash, written, null, catalogue(library, root, target, relative, hash));
        } finally {
            Files.deleteIfExists(part); // gone once renamed; an interrupted or refused upload leaves nothing
        }
    }

    /** Renamed into place under the name, or the name with " (2)", " (3)"... when it is taken: nothing is overwritten. */
    private static Path place(Path part, Path folder, String name) throws IOException {
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name, extension = dot > 0 ? name.substring(dot) : "";
        for (int n = 1; n < 10_000; n++) {
            Path target = folder.resolve(n == 1 ? name : stem + " (" + n + ")" + extension);
            try {
                Files.createLink(target, part); // atomic and refuses a taken name, unlike a rename
                return target;
            } catch (FileAlreadyExistsException taken) {
                // the next number
            } catch (UnsupportedOperationException | IOException noLinks) {
                if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) continue;
                Files.move(part, target);
                return target;
            }
        }
        throw new Refused(409, "no free name for " + name + " in " + folder);
    }

    private long catalogue(Library library, Path root, Path target, String relative, String sha256) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(target, BasicFileAttributes.class);
        WalkedFile walked = new WalkedFile(target, relative, attributes.size(), Instants.stored(attributes.lastModifiedTime().toInstant()),
                Instants.stored(attributes.creationTime().toInstant()));
        var scanned = new FileInspector(classifier, extractor, library.getMediaTypes()).inspect(walked);
        List<Long> ids = catalog.insertNew(library.getId(), List.of(scanned));
        long id = ids.get(0);
        catalog.storeSha256(List.of(new FileCatalog.Unhashed(id, relative, attributes.size(), walked.modified())), List.of(sha256));
        return id;
    }

    /**
     * A name safe on every disk: the last part of what the browser sent, without reserved or control
     * characters, device names, leading dots or trailing dots and spaces, at most 200 bytes of UTF-8.
     */
    static String safeName(String sent) {
        String name = sent == null ? "" : sent.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        name = RESERVED.matcher(name).replaceAll("_").strip();
        while (name.startsWith(".")) name = name.substring(1);
        while (name.endsWith(".") || name.endsWith(" ")) name = name.substring(0, name.length() - 1);
        int dot = name.indexOf('.');
        if (DEVICE_NAMES.contains((dot < 0 ? name : name.substring(0, dot)).toLowerCase(Locale.ROOT))) name = "_" + name;
        while (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 200) {
            int cut = name.lastIndexOf('.');
            String extension = cut > 0 && name.length() - cut <= 10 ? name.substring(cut) : "";
            String stem = name.substring(0, name.length() - extension.length());
            name = stem.substring(0, stem.offsetByCodePoints(0, stem.codePointCount(0, stem.length()) - 1)) + extension;
        }
        return name.isEmpty() ? "upload" : name;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
