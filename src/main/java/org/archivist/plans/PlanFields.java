package org.archivist.plans;

import java.time.Instant;
import java.time.LocalDate;

import org.archivist.catalog.CaptureDate;
import org.archivist.catalog.Confidence;
import org.archivist.catalog.FileService;
import org.archivist.catalog.ItemFields;
import org.archivist.catalog.PersonRole;
import org.archivist.catalog.TimestampSource;
import org.archivist.db.StoredEnum;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Applies one change to the catalogue and takes it back, through the catalogue's own services. A
 * change is applied only when the field still holds what the plan saw (else it is stale), never on
 * a locked field, and taken back only when the field still holds what the plan wrote (else someone
 * changed it since, and it is kept). Runs in the caller's transaction.
 */
@Component
class PlanFields {

    /** What became of a change, and why, as stored with it. */
    record Outcome(String outcome, String detail) {
        static Outcome of(String outcome) {
            return new Outcome(outcome, null);
        }
    }

    /** A stored change as the applier reads it. */
    record Change(long id, long itemId, String field, ChangeAction action, JsonNode current, JsonNode proposed, String outcome) {
    }

    private final ItemFields fields;
    private final FileService files;

    PlanFields(ItemFields fields, FileService files) {
        this.fields = fields;
        this.files = files;
    }

    Outcome apply(Change change) {
        if (!fields.exists(change.itemId())) return new Outcome("gone", "the item no longer exists");
        if (fields.locks(change.itemId()).contains(change.field())) return new Outcome("locked", "a person edited " + change.field() + "; lift the lock to apply");
        return switch (change.field()) {
            case "tag", "person" -> applyMember(change);
            default -> {
                JsonNode now = read(change);
                if (PlanValues.same(now, change.proposed())) yield Outcome.of("unchanged");
                if (!PlanValues.same(now, change.current())) {
                    yield new Outcome("stale", "is now " + shown(now) + ", not " + shown(change.current()) + " as the plan saw");
                }
                write(change, change.proposed());
                yield Outcome.of("applied");
            }
        };
    }

    /** Takes an applied change back; answers "undone", or "kept" with what the field holds now. */
    Outcome undo(Change change) {
        if (!fields.exists(change.itemId())) return new Outcome("gone", "the item no longer exists");
        return switch (change.field()) {
            case "tag", "person" -> {
                boolean present = has(change);
                boolean added = change.action() == ChangeAction.ADD;
                if (present != added) yield new Outcome("kept", added ? "removed since" : "added again since");
                if (added) remove(change);
                else add(change);
                yield Outcome.of("undone");
            }
            default -> {
                JsonNode now = read(change);
                if (!PlanValues.same(now, change.proposed())) yield new Outcome("kept", "changed since to " + shown(now));
                write(change, change.current());
                yield Outcome.of("undone");
            }
        };
    }

    private Outcome applyMember(Change change) {
        boolean present = has(change);
        if (change.action() == ChangeAction.ADD) {
            if (present) return Outcome.of("unchanged");
            add(change);
        } else if (change.action() == ChangeAction.REMOVE) {
            if (!present) return Outcome.of("unchanged");
            remove(change);
        } else {
            return new Outcome("stale", change.field() + " takes add or remove, not " + change.action().value());
        }
        return Outcome.of("applied");
    }

    private boolean has(Change change) {
        JsonNode value = change.proposed();
        return change.field().equals("tag") ? fields.hasTag(change.itemId(), name(value))
                : fields.hasPerson(change.itemId(), name(value), role(value));
    }

    private void add(Change change) {
        JsonNode value = change.proposed();
        if (change.field().equals("tag")) fields.addTag(change.itemId(), name(value), value.path("category").isString() ? value.get("category").asString() : null);
        else fields.addPerson(change.itemId(), name(value), role(value));
    }

    private void remove(Change change) {
        JsonNode value = change.proposed();
        if (change.field().equals("tag")) fields.removeTag(change.itemId(), name(value));
        else fields.removePerson(change.itemId(), name(value), role(value));
    }

    private JsonNode read(Change change) {
        long item = change.itemId();
        return switch (change.field()) {
            case "title" -> PlanValues.text(fields.title(item));
            case "details" -> PlanValues.text(fields.details(item));
            case "date" -> {
                LocalDate date = fields.date(item);
                yield date == null ? null : PlanValues.text(date.toString());
            }
            case "studio" -> PlanValues.text(fields.studio(item));
            case "capture_date" -> {
                long file = PlanCaptureDates.fileId(change.proposed());
                if (!fields.files(item).containsKey(file)) throw new IllegalArgumentException("file " + file + " is no longer the item's");
                CaptureDate date = files.captureDate(file);
                yield PlanCaptureDates.of(file, date.detectedAt() == null ? null : date.detectedAt().toString(), date.offsetMinutes(),
                        date.source() == null ? null : date.source().value(), date.confidence() == null ? null : date.confidence().value());
            }
            default -> throw new IllegalArgumentException("field: '" + change.field() + "' is not a field a plan can change");
        };
    }

    private void write(Change change, JsonNode value) {
        long item = change.itemId();
        String text = value == null || value.isNull() ? null : value.isString() ? value.asString() : null;
        switch (change.field()) {
            case "title" -> fields.setTitle(item, text);
            case "details" -> fields.setDetails(item, text);
            case "date" -> fields.setDate(item, text == null ? null : LocalDate.parse(text));
            case "studio" -> fields.setStudio(item, text);
            case "capture_date" -> {
                JsonNode at = value.get("detectedAt");
                files.setCaptureDate(PlanCaptureDates.fileId(value), new CaptureDate(at == null || at.isNull() ? null : Instant.parse(at.asString()),
                        value.path("offsetMinutes").isNumber() ? value.get("offsetMinutes").asInt() : null,
                        value.path("source").isString() ? StoredEnum.parse("source", TimestampSource.class, value.get("source").asString()) : null,
                        StoredEnum.parse("confidence", Confidence.class, value.path("confidence").asString("none"))));
            }
            default -> throw new IllegalArgumentException("field: '" + change.field() + "' is not a field a plan can change");
        }
    }

    private static String name(JsonNode value) {
        if (value == null || !value.path("name").isString() || value.get("name").asString().isBlank()) {
            throw new IllegalArgumentException("proposedValue.name: a tag or a person needs a name");
        }
        return value.get("name").asString();
    }

    private static PersonRole role(JsonNode value) {
        PersonRole role = StoredEnum.parse("proposedValue.role", PersonRole.class, value.path("role").asString("performer"));
        return role == null ? PersonRole.PERFORMER : role;
    }

    private static String shown(JsonNode value) {
        return value == null || value.isNull() ? "empty" : value.isString() ? "'" + value.asString() + "'" : value.toString();
    }
}
