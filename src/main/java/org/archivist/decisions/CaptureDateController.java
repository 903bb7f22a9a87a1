package org.archivist.decisions;

import java.util.Base64;
import java.util.List;

import org.archivist.catalog.CaptureDate;
import org.archivist.catalog.FileService;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Capture dates a person reviews and sets, over HTTP. */
@RestController
class CaptureDateController {

    /** A page of files to review and the cursor of the next. */
    record DatesPage(List<FileService.DateToReview> files, String next) {
    }

    private final CaptureDateService dates;
    private final FileService files;

    private final org.archivist.catalog.CatalogAccess access;
    private final org.archivist.access.Callers callers;

    CaptureDateController(CaptureDateService dates, FileService files, org.archivist.catalog.CatalogAccess access,
                          org.archivist.access.Callers callers) {
        this.access = access;
        this.callers = callers;
        this.dates = dates;
        this.files = files;
    }

    /** Photos and videos whose date has low or no confidence, or whose candidates disagree; keyset paged. */
    @GetMapping("/api/review/dates")
    DatesPage review(@RequestParam(required = false) Long library, @RequestParam(required = false) String cursor,
                     @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 500) throw new IllegalArgumentException("limit: " + limit + " is outside 1-500");
        long after = 0;
        if (cursor != null) {
            try {
                after = Long.parseLong(new String(Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.US_ASCII));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cursor: not a cursor this server gave out");
            }
        }
        List<FileService.DateToReview> page = files.datesToReview(library, callers.current().libraries(), after, limit + 1);
        boolean more = page.size() > limit;
        List<FileService.DateToReview> shown = more ? page.subList(0, limit) : page;
        String next = more ? Base64.getUrlEncoder().withoutPadding().encodeToString(
                String.valueOf(shown.get(shown.size() - 1).fileId()).getBytes(java.nio.charset.StandardCharsets.US_ASCII)) : null;
        return new DatesPage(shown, next);
    }

    /** Sets a person's date: {@code {"localTime": "2024-07-14T18:02:11", "offsetMinutes": 120}} (offset optional). */
    @PutMapping("/api/files/{id}/capture-date")
    CaptureDate set(@PathVariable long id, @RequestBody CaptureDateService.UserDate date) {
        access.file(id, callers.current());
        return dates.set(id, date);
    }

    /** Back to the detected date. */
    @DeleteMapping("/api/files/{id}/capture-date")
    CaptureDate revert(@PathVariable long id) {
        access.file(id, callers.current());
        return dates.revert(id);
    }
}
