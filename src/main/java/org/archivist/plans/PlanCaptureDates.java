package org.archivist.plans;

import java.time.LocalDateTime;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** How a file's capture date is written in a plan change: the file, and the date as stored (UTC or wall clock), source and confidence. */
final class PlanCaptureDates {

    private PlanCaptureDates() {
    }

    static ObjectNode current(Catalogue.FileRow file) {
        return of(file.fileId(), file.detectedAt() == null ? null : file.detectedAt().toString(), file.offsetMinutes(), file.source(), file.confidence());
    }

    static ObjectNode proposed(long fileId, LocalDateTime wallClock) {
        return of(fileId, wallClock.toInstant(java.time.ZoneOffset.UTC).toString(), null, "filename", "medium");
    }

    static ObjectNode of(long fileId, String detectedAt, Integer offsetMinutes, String source, String confidence) {
        ObjectNode date = PlanValues.JSON.createObjectNode().put("fileId", fileId);
        if (detectedAt == null) date.putNull("detectedAt");
        else date.put("detectedAt", detectedAt);
        if (offsetMinutes == null) date.putNull("offsetMinutes");
        else date.put("offsetMinutes", offsetMinutes);
        if (source == null) date.putNull("source");
        else date.put("source", source);
        date.put("confidence", confidence == null ? "none" : confidence);
        return date;
    }

    static long fileId(JsonNode value) {
        return value.get("fileId").asLong();
    }
}
