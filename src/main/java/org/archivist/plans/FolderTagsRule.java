package org.archivist.plans;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * Tags from the names of the folders a file is in: "Holidays/Iceland 2019/IMG_1.jpg" proposes
 * "Holidays" and "Iceland 2019". A mapping renames a folder's tag (or, mapped to "", drops it) and
 * is surer; an ignore list and names that are only dates or numbers ("2019", "2019-07-14", "100APPLE")
 * or camera folders propose nothing.
 */
@Component
class FolderTagsRule implements AnalysisRule {

    static final String NAME = "folder_tags";
    private static final Set<String> NEVER = Set.of("dcim", "camera", "pictures", "photos", "videos", "movies", "music", "documents",
            "downloads", "import", "imports", "misc", "new folder", "untitled folder", "tmp", "temp", "backup", "books", "images", "media");
    private static final java.util.regex.Pattern NO_NAME = java.util.regex.Pattern.compile("[\\d\\s._-]*|\\d{3}[a-z_]+|[a-z]{0,3}\\d+");

    /** {@code mapping}: folder name (any case) to tag; {@code ignore}: folder names that are no tag; confidences. */
    record Settings(Map<String, String> mapping, List<String> ignore, Double mapped, Double unmapped, Integer minLength) {
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
        FolderMapping.check(NAME, settings.settingsOf(NAME, Settings.class).mapping(), "tag");
    }

    @Override
    public void propose(Catalogue catalogue, AnalysisSettings settings, Sink sink) {
        Settings given = settings.settingsOf(NAME, Settings.class);
        Map<String, String> mapping = FolderMapping.byLowerCaseFolder(given.mapping());
        Set<String> ignore = given.ignore() == null ? Set.of() : given.ignore().stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        double mapped = given.mapped() == null ? 0.9 : given.mapped();
        double unmapped = given.unmapped() == null ? 0.6 : given.unmapped();
        int minLength = given.minLength() == null ? 2 : given.minLength();
        for (Catalogue.FileRow file : catalogue.files) {
            Catalogue.ItemRow item = catalogue.items.get(file.itemId());
            for (String folder : file.folders()) {
                String key = folder.strip().toLowerCase(Locale.ROOT);
                String tag;
                double confidence;
                if (mapping.containsKey(key)) {
                    tag = mapping.get(key).strip();
                    confidence = mapped;
                } else {
                    if (ignore.contains(key) || NEVER.contains(key) || key.length() < minLength || NO_NAME.matcher(key).matches()) continue;
                    tag = folder.strip();
                    confidence = unmapped;
                }
                if (tag.isEmpty() || item.hasTag(tag)) continue;
                sink.offer(new Proposal(item.id, "tag", ChangeAction.ADD, null, PlanValues.tag(tag, null), confidence, NAME));
            }
        }
    }
}
