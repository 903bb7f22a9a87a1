package org.archivist.plans;

import org.springframework.stereotype.Component;

/**
 * Genre tags (category {@code genre}) from the genre a file's metadata names: a song's genre tag,
 * an e-book's subjects; several in one ("Rock; Pop", "Fantasy / Adventure") are several tags.
 * ID3's numeric genres ("(17)") are no names and are skipped.
 */
@Component
class GenreTagsRule implements AnalysisRule {

    static final String NAME = "genre_tags";

    record Settings(Double confidence) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<?> settings() {
        return Settings.class;
    }

    @Override
    public void propose(Catalogue catalogue, AnalysisSettings settings, Sink sink) {
        Settings given = settings.settingsOf(NAME, Settings.class);
        double confidence = given.confidence() == null ? 0.8 : given.confidence();
        for (Catalogue.FileRow file : catalogue.files) {
            if (file.metadataGenre() == null) continue;
            Catalogue.ItemRow item = catalogue.items.get(file.itemId());
            for (String genre : file.metadataGenre().split("\\s*[;/,\\u0000]\\s*")) {
                String name = genre.strip();
                if (name.isEmpty() || name.matches("\\(?\\d+\\)?") || item.hasTag(name)) continue;
                sink.offer(new Proposal(item.id, "tag", ChangeAction.ADD, null, PlanValues.tag(name, "genre"), confidence, NAME));
            }
        }
    }
}
