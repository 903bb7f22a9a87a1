package org.archivist.plans;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * A studio from a folder: a folder mapped to a studio in the settings, or named exactly as a known
 * studio (in any letter case). The folder nearest the file wins.
 */
@Component
class StudioFromFolderRule implements AnalysisRule {

    static final String NAME = "studio_from_folder";

    record Settings(Map<String, String> mapping, Double mapped, Double known) {
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
    public void check(AnalysisSettings settings) {
        FolderMapping.check(NAME, settings.settingsOf(NAME, Settings.class).mapping(), "studio");
    }

    @Override
    public void propose(Catalogue catalogue, AnalysisSettings settings, Sink sink) {
        Settings given = settings.settingsOf(NAME, Settings.class);
        Map<String, String> mapping = FolderMapping.byLowerCaseFolder(given.mapping());
        Map<String, String> known = catalogue.studios.stream().collect(Collectors.toMap(s -> s.toLowerCase(Locale.ROOT), s -> s, (a, b) -> a));
        double mapped = given.mapped() == null ? 0.9 : given.mapped();
        double knownConfidence = given.known() == null ? 0.7 : given.known();
        AnalysisSettings.Policy policy = settings.policy("studio");
        for (Catalogue.FileRow file : catalogue.files) {
            Catalogue.ItemRow item = catalogue.items.get(file.itemId());
            if (item.studio != null && policy != AnalysisSettings.Policy.OVERWRITE) continue;
            List<String> folders = file.folders();
            for (int i = folders.size() - 1; i >= 0; i--) {
                String key = folders.get(i).strip().toLowerCase(Locale.ROOT);
                String studio = mapping.containsKey(key) ? mapping.get(key) : known.get(key);
                if (studio == null || studio.isBlank()) continue;
                if (item.studio == null || !item.studio.equalsIgnoreCase(studio)) {
                    sink.offer(new Proposal(item.id, "studio", ChangeAction.SET, PlanValues.text(item.studio), PlanValues.text(studio),
                            mapping.containsKey(key) ? mapped : knownConfidence, NAME));
                }
                break;
            }
        }
    }
}
