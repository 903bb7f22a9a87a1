package org.archivist.plans;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    record Change(long id, long itemId, String field, ChangeAction action, JsonNode current, JsonNode proposed, String outcome,
                  java.time.Instant appliedAt) {
    }

    private final ItemFields fields;
    private final FileService files;

    PlanFields(ItemFields fields, FileService files) {
        this.fields = fields;
        this.files = files;
    }

    /**
     * Applies a batch: the items, their locks and their tags are read once for the batch, and tag
     * changes are written in one statement each way; other fields go one by one. Answers the outcome
     * of each change, in order.
     */
    List<Outcome> applyAll(List<Change> batch) {
        List<Long> itemIds = batch.stream().map(Change::itemId).toList();
        fields.holdForChange(itemIds);
        Set<Long> existing = fields.existing(itemIds);
        Set<String> locks = fields.locks(itemIds);
        // Only the tags of changes that will be written are looked up (and made): a locked or gone one leaves no tag behind.
        List<ItemFields.TagName> names = new ArrayList<>();
        for (Change change : batch) {
            if (isTagChange(change) && existing.contains(change.itemId()) && !locks.contains(change.itemId() + ":" + change.field())) {
                names.add(new ItemFields.TagName(tagName(change), tagCategory(change)));
            }
        }
        Map<String, Long> tagIds = names.isEmpty() ? Map.of() : fields.tagIds(names);
        Set<String> pairs = names.isEmpty() ? Set.of() : new HashSet<>(fields.tagPairs(itemIds));
        List<long[]> added = new ArrayList<>();
        List<long[]> removed = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (Change change : batch) {
            if (!existing.contains(change.itemId())) {
                outcomes.add(new Outcome("gone", "the item no longer exists"));
            } else if (locks.contains(change.itemId() + ":" + change.field())) {
                outcomes.add(locked(change));
            } else if (isTagChange(change)) {
                long tag = tagIds.get(tagName(change).strip().toLowerCase(java.util.Locale.ROOT));
                String pair = change.itemId() + ":" + tag;
                boolean adding = change.action() == ChangeAction.ADD;
                if (pairs.contains(pair) == adding) {
                    outcomes.add(Outcome.of("unchanged"));
                } else {
                    (adding ? added : removed).add(new long[] {change.itemId(), tag});
                    if (adding) pairs.add(pair);
                    else pairs.remove(pair);
                    outcomes.add(Outcome.of("applied"));
                }
            } else {
                outcomes.add(applyChecked(change));
            }
        }
        if (!added.isEmpty()) fields.addTagPairs(added);
        if (!removed.isEmpty()) fields.removeTagPairs(removed);
        return outcomes;
    }

    private static boolean isTagChange(Change change) {
        return change.field().equals("tag") && (change.action() == ChangeAction.ADD || change.action() == ChangeAction.REMOVE)
                && change.proposed() != null && change.proposed().path("name").isString() && !change.proposed().get("name").asString().isBlank();
    }

    private static String tagName(Change change) {
        return change.proposed().get("name").asString();
    }

    private static String tagCategory(Change change) {
        return change.proposed().path("category").isString() ? change.proposed().get("category").asString() : null;
    }

    private static Outcome locked(Change change) {
        return new Outcome("locked", "a person edited " + change.field() + "; lift the lock to apply");
    }

    /** One change whose item exists and whose field is not locked; a stored value that cannot be used makes it stale, nothing written. */
    private Outcome applyChecked(Change change) {
        try {
            return switch (change.field()) {
                case "tag", "person" -> applyMember(change);
                default -> {
                    JsonNode now = read(change);
                    if (PlanValues.same(change.field(), now, change.proposed())) yield Outcome.of("unchanged");
                    if (!PlanValues.same(change.field(), now, change.current())) {
                        yield new Outcome("stale", "is now " + shown(now) + ", not " + shown(change.current()) + " as the plan saw");
                    }
                    write(change, change.proposed());
                    yield Outcome.of("applied");
                }
            };
        } catch (IllegalArgumentException e) {
            return new Outcome("stale", e.getMessage());
        }
    }

    /** Holds the items of these changes until the transaction ends (see {@link ItemFields#holdForChange}). */
    void hold(List<Change> batch) {
        fields.holdForChange(batch.stream().map(Change::itemId).toList());
    }

    /** Takes an applied change back; answers "undone", or "kept" with what the field holds now. */
    Outcome undo(Change change) {
        if (!fields.exists(change.itemId())) return new Outcome("gone", "the item no longer exists");
        return switch (change.field()) {
            case "tag", "person" -> {
                boolean present = has(change);
                boolean added = change.action() == ChangeAction.ADD;
                if (present != added) yield new Outcome("kept", added ? "removed since" : "added again since");
                // A tag there as the plan left it may still be a person's: removed and added again since (its link is newer).
                if (added && change.field().equals("tag") && change.appliedAt() != null
                        && fields.tagLinkedAfter(change.itemId(), name(change.proposed()), change.appliedAt())) {
                    yield new Outcome("kept", "removed and added again since");
                }
                if (added) remove(change);
                else add(change);
                yield Outcome.of("undone");
            }
            default -> {
                JsonNode now = read(change);
                if (!PlanValues.same(change.field(), now, change.proposed())) yield new Outcome("kept", "changed since to " + shown(now));
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
