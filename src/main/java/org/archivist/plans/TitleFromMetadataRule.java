package org.archivist.plans;

import org.springframework.stereotype.Component;

/**
 * The title the file's own metadata carries (a song's title tag, a document's title) for an item
 * whose title is still its file name; with the overwrite policy, for any item whose title differs.
 */
@Component
class TitleFromMetadataRule implements AnalysisRule {

    static final String NAME = "title_from_metadata";

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
        boolean overwrite = settings.policy("title") == AnalysisSettings.Policy.OVERWRITE;
        for (Catalogue.FileRow file : catalogue.files) {
            String embedded = file.metadataTitle() == null ? null : file.metadataTitle().strip();
            if (embedded == null || embedded.isEmpty()) continue;
            Catalogue.ItemRow item = catalogue.items.get(file.itemId());
            if (embedded.equals(item.title)) continue;
            boolean untitled = item.title == null || item.title.equals(file.stem()) || item.title.equals(file.fileName());
            if (!untitled && !overwrite) continue;
            sink.offer(new Proposal(item.id, "title", ChangeAction.SET, PlanValues.text(item.title), PlanValues.text(embedded), confidence, NAME));
        }
    }
}
