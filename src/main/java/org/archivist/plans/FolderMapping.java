package org.archivist.plans;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A rule's {@code mapping} setting from folder names to names (tags, studios): checked, and keyed by the folder in lower case. */
final class FolderMapping {

    private FolderMapping() {
    }

    /** Refuses a folder mapped to nothing, naming it; "" is how a folder is dropped. */
    static void check(String rule, Map<String, String> mapping, String what) {
        if (mapping == null) return;
        mapping.forEach((folder, name) -> {
            if (name == null) throw new IllegalArgumentException("rules." + rule + ".mapping." + folder + ": a " + what + " name, or \"\" to drop the folder");
        });
    }

    static Map<String, String> byLowerCaseFolder(Map<String, String> mapping) {
        return mapping == null ? Map.of()
                : mapping.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().strip().toLowerCase(Locale.ROOT), Map.Entry::getValue, (a, b) -> a));
    }
}
