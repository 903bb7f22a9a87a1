package org.archivist.scan;

import java.io.IOException;
import java.net.URI;

import org.archivist.jobs.JobRunner;
import org.archivist.thumbs.ThumbnailService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Uploads: the file is the request body (a browser's {@code fetch} of a dropped or picked file),
 * so it streams to disk as it arrives. 201 with where it went; 200 with {@code duplicateOf} when the
 * library already has the content (send {@code keepDuplicate=true} to store it anyway); 413 over
 * the size limit (checked against Content-Length before a byte is written, and while it streams).
 */
@RestController
class UploadController {

    private final UploadService uploads;
    private final JobRunner runner;

    private final org.archivist.access.Callers callers;

    UploadController(UploadService uploads, JobRunner runner, org.archivist.access.Callers callers) {
        this.callers = callers;
        this.uploads = uploads;
        this.runner = runner;
    }

    @PutMapping("/api/libraries/{id}/uploads")
    ResponseEntity<?> upload(@PathVariable long id, @RequestParam String name, @RequestParam(defaultValue = "false") boolean keepDuplicate,
                             HttpServletRequest request) throws IOException {
        callers.current().require("library", id, id);
        UploadService.Uploaded uploaded;
        try {
            uploaded = uploads.upload(id, name, request.getContentLengthLong(), request.getInputStream(), keepDuplicate);
        } catch (UploadService.Refused e) {
            return ResponseEntity.status(e.status()).body(ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status()), e.getMessage()));
        }
        if (uploaded.duplicateOf() != null) return ResponseEntity.ok(uploaded);
        runner.submit(new ThumbnailService.ThumbnailJob(id)); // its pictures, in the background
        return ResponseEntity.created(URI.create("/api/files/" + uploaded.fileId())).body(uploaded);
    }
}
