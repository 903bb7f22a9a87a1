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

    TagService(TagRepository tags) {
        this.tags = tags;
    }

    @Transactional
    public Tag create(TagSchemas.Create request) {
        Tag tag = new Tag(request.name().strip());
        tag.setDescription(request.description());
        tag.setColor(request.color());
        tag.setCategory(request.category());
        return tags.save(tag);
    }

    @Transactional
    public Tag update(long id, TagSchemas.Update request) {
        Tag tag = tags.findById(id).orElseThrow(() -> new NotFoundException("tag", id));
        if (request.name() != null) tag.setName(request.name().strip());
        if (request.description() != null) tag.setDescription(request.description());
        if (request.color() != null) tag.setColor(request.color());
        if (request.category() != null) tag.setCategory(request.category());
        return tag;
    }

    @Transactional
    public void delete(long id) {
        tags.deleteById(id);
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
