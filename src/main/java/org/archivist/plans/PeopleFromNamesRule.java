package org.archivist.plans;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Known people (and their aliases) named in a file's name or its folders' names, as whole words:
 * "Ada Lovelace" in "ada.lovelace_portrait.jpg", never "Ada" in "Adam". A name of one word is
 * found far more often by chance, so it is proposed less surely (Stash users asked for a second
 * confirmation of exactly those, stashapp/stash#5541). Letter case and accents do not matter.
 */
@Component
class PeopleFromNamesRule implements AnalysisRule {

    static final String NAME = "people_from_names";

    record Settings(String role, Double multiWord, Double singleWord, Integer minLength) {
    }

    private record Spelling(String person, String[] words) {
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
        role(settings.settingsOf(NAME, Settings.class));
    }

    private static String role(Settings given) {
        String role = given.role() == null ? "performer" : given.role();
        if (!List.of("performer", "author", "artist", "director", "other").contains(role)) {
            throw new IllegalArgumentException("rules." + NAME + ".role: '" + role + "' is not one of performer, author, artist, director, other");
        }
        return role;
    }

    @Override
    public void propose(Catalogue catalogue, AnalysisSettings settings, Sink sink) {
        Settings given = settings.settingsOf(NAME, Settings.class);
        String role = role(given);
        double multiWord = given.multiWord() == null ? 0.8 : given.multiWord();
        double singleWord = given.singleWord() == null ? 0.4 : given.singleWord();
        int minLength = given.minLength() == null ? 3 : given.minLength();
        // Spellings by their first word: each position of a name is compared with the few that start there.
        Map<String, List<Spelling>> byFirstWord = new HashMap<>();
        for (Catalogue.KnownPerson person : catalogue.people) {
            for (String spelling : person.spellings()) {
                String[] words = words(spelling);
                if (words.length == 0 || (words.length == 1 && words[0].length() < minLength)) continue;
                byFirstWord.computeIfAbsent(words[0], w -> new ArrayList<>()).add(new Spelling(person.name(), words));
            }
        }
        if (byFirstWord.isEmpty()) return;
        for (Catalogue.FileRow file : catalogue.files) {
            Catalogue.ItemRow item = catalogue.items.get(file.itemId());
            List<String> names = new ArrayList<>(file.folders());
            names.add(file.stem());
            for (String name : names) {
                String[] words = words(name);
                for (int at = 0; at < words.length; at++) {
                    for (Spelling spelling : byFirstWord.getOrDefault(words[at], List.of())) {
                        if (!matchesAt(words, at, spelling.words()) || item.people.contains(spelling.person().toLowerCase(Locale.ROOT))) continue;
                        sink.offer(new Proposal(item.id, "person", ChangeAction.ADD, null, PlanValues.person(spelling.person(), role),
                                spelling.words().length > 1 ? multiWord : singleWord, NAME));
                    }
                }
            }
        }
    }

    private static boolean matchesAt(String[] words, int at, String[] name) {
        if (at + name.length > words.length) return false;
        for (int i = 0; i < name.length; i++) if (!words[at + i].equals(name[i])) return false;
        return true;
    }

    /** Lower-case words without accents; anything that is not a letter or a digit separates them (camelCase too). */
    static String[] words(String text) {
        String split = text.replaceAll("(\\p{Ll})(\\p{Lu})", "$1 $2");
        String plain = Normalizer.normalize(split, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        return java.util.Arrays.stream(plain.split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty()).toArray(String[]::new);
    }
}
