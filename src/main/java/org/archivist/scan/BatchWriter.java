package org.archivist.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.archivist.catalog.FileCatalog;
import org.archivist.catalog.ScannedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Writes one batch of a scan in one transaction each for new, changed and moved files. When the
 * database refuses a batch for what one file holds, the batch is written again file by file: a
 * file the database still refuses is catalogued without its facts, with status {@code error} and
 * the database's reason, and the scan goes on. Anything that is not one file's fault (the database
 * gone, a full disk) is not caught here and fails the scan, saying so.
 */
final class BatchWriter {

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

    private final FileCatalog catalog;
    private final long libraryId;

    BatchWriter(FileCatalog catalog, long libraryId) {
        this.catalog = catalog;
        this.libraryId = libraryId;
    }

    /**
     * The files the database refused, each with the reason: catalogued as errors, or, when even
     * their bare row was refused, not at all. Files that already had a reading error are not listed.
     */
    List<FileProblem> write(List<ScannedFile> fresh, Map<Long, ScannedFile> rewritten, Map<Long, ScannedFile> relocated) {
        List<FileProblem> refused = new ArrayList<>();
        try {
            catalog.insertNew(libraryId, fresh);
        } catch (DataIntegrityViolationException batch) {
            for (ScannedFile file : fresh) {
                try {
                    catalog.insertNew(libraryId, List.of(file));
                } catch (DataIntegrityViolationException e) {
                    String reason = refusal(file, e);
                    try {
                        catalog.insertNew(libraryId, List.of(file.withoutFacts(reason)));
                        refused(file, reason, refused);
                    } catch (DataIntegrityViolationException bare) {
                        refused.add(new FileProblem(file.path(), "not catalogued: " + refusal(file, bare)));
                    }
                }
            }
        }
        rewrite(rewritten, true, refused);
        rewrite(relocated, false, refused);
        return refused;
    }

    private void rewrite(Map<Long, ScannedFile> files, boolean changed, List<FileProblem> refused) {
        try {
            write(files, changed);
        } catch (DataIntegrityViolationException batch) {
            for (Map.Entry<Long, ScannedFile> entry : files.entrySet()) {
                try {
                    write(Map.of(entry.getKey(), entry.getValue()), changed);
                } catch (DataIntegrityViolationException e) {
                    String reason = refusal(entry.getValue(), e);
                    try {
                        write(Map.of(entry.getKey(), entry.getValue().withoutFacts(reason)), changed);
                        refused(entry.getValue(), reason, refused);
                    } catch (DataIntegrityViolationException bare) {
                        refused.add(new FileProblem(entry.getValue().path(), "not updated: " + refusal(entry.getValue(), bare)));
                    }
                }
            }
        }
    }

    /** A file that already had a reading error is counted once, under that error. */
    private static void refused(ScannedFile file, String reason, List<FileProblem> refused) {
        if (file.scanError() == null) refused.add(new FileProblem(file.path(), reason));
    }

    private void write(Map<Long, ScannedFile> files, boolean changed) {
        if (changed) catalog.updateChanged(files);
        else catalog.recordMoves(files);
    }

    private static String refusal(ScannedFile file, DataIntegrityViolationException e) {
        Throwable cause = e.getMostSpecificCause();
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().strip();
        if (detail.length() > 500) detail = detail.substring(0, 500) + "...";
        log.info("the catalogue refused the facts of {}: {}", file.path(), detail);
        return "the catalogue refused its metadata: " + detail;
    }
}
