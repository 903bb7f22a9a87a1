package org.archivist.catalog;

import java.util.List;

import org.archivist.db.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Tags and the standard set every new catalogue starts with. */
@Service
public class TagService {

    /** Tags that rules and people use from day one; created by {@code archivist db seed}. */
    static final List<TagSchemas.Create> STANDARD_TAGS = List.of(
            new TagSchemas.Create("Needs review", "Something about this item needs a person's look", "#e5a50a", "workflow"),
            new TagSchemas.Create("Favourite", "Marked as a favourite", "#c01c28", "workflow"),
            new TagSchemas.Create("Screenshot", "A capture of a screen", "#613583", "content"),
            new TagSchemas.Create("Scanned document", "A photo or scan of paper", "#63452c", "content"),
            new TagSchemas.Create("Panorama", "A stitched wide image", "#1a5fb4", "content"),
            new TagSchemas.Create("Burst", "Part of a burst of photos", "#26a269", "content"));

    private final TagRepository tags;
    private final org.archivist.validation.RequestValidator validator;

    TagService(TagRepository tags, org.archivist.validation.RequestValidator validator) {
        this.tags = tags;
        this.validator = validator;
    }

    /** Every tag by name, or those of one category. */
    @Transactional(readOnly = true)
    public List<Tag> list(String category) {
        List<Tag> all = category == null ? tags.findAll() : tags.findByCategory(category);
        return all.stream().sorted(java.util.Comparator.comparing(t -> t.getName().toLowerCase(java.util.Locale.ROOT))).toList();
    }

    @Transactional(readOnly = true)
    public Tag get(long id) {
        return tags.findById(id).orElseThrow(() -> new NotFoundException("tag", id));
    }

    /** A name is unique whatever its case: "Holiday" and "holiday" are one tag. */
    private void requireFreeName(String name, Long except) {
        tags.findByNameIgnoringCase(name.strip()).filter(t -> !t.getId().equals(except)).ifPresent(t -> {
            throw new IllegalArgumentException("name: the tag \"" + t.getName() + "\" already exists (names are unique whatever their case)");
        });
    }

    @Transactional
    public Tag create(TagSchemas.Create request) {
        validator.validate(request);
        requireFreeName(request.name(), null);
        Tag tag = new Tag(request.name().strip());
        tag.setDescription(request.description());
        tag.setColor(request.color());
        tag.setCategory(request.category());
        return tags.save(tag);
    }

    @Transactional
    public Tag update(long id, TagSchemas.Update request) {
        validator.validate(request);
        Tag tag = get(id);
        if (request.name() != null) {
            requireFreeName(request.name(), id);
            tag.setName(request.name().strip());
        }
        if (request.description() != null) tag.setDescription(request.description());
        if (request.color() != null) tag.setColor(request.color());
        if (request.category() != null) tag.setCategory(request.category());
        return tag;
    }

    /** Removes the tag from every item and deletes it. */
    @Transactional
    public void delete(long id) {
        tags.delete(get(id));
    }

    /** Creates the standard tags that are missing; returns how many were created. */
    @Transactional
    public int seedStandardTags() {
        int created = 0;
        for (TagSchemas.Create standard : STANDARD_TAGS) {
            if (tags.findByNameIgnoringCase(standard.name()).isEmpty()) {
                create(standard);
                created++;
            }
        }
        return created;
    }
}
