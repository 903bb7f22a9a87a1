package org.archivist.organize;

import java.util.Map;
import java.util.TreeMap;

import org.archivist.catalog.ItemKind;

/**
 * How a library is organized: move (the files go) or copy (the originals stay), where to
 * (null: the library's own root, organizing in place), a layout per kind of item (kinds left out
 * take {@link PathTemplate#DEFAULTS}), and whether XMP edits may be written into the originals
 * themselves (off: they go to sidecars only).
 */
public record OrganizeSettings(Mode mode, String destination, Map<ItemKind, String> templates, boolean xmpIntoOriginals) {

    public static final OrganizeSettings DEFAULT = new OrganizeSettings(Mode.MOVE, null, Map.of(), false);

    public enum Mode {
        MOVE, COPY;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Mode of(String value) {
            for (Mode mode : values()) if (mode.value().equals(value)) return mode;
            throw new IllegalArgumentException("mode: '" + value + "' is not move or copy");
        }
    }

    public OrganizeSettings {
        if (mode == null) mode = Mode.MOVE;
        destination = destination == null || destination.isBlank() ? null : destination.strip();
        templates = templates == null ? Map.of() : Map.copyOf(templates);
        for (Map.Entry<ItemKind, String> entry : templates.entrySet()) {
            try {
                PathTemplate.parse(entry.getValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("templates." + entry.getKey().value() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Settings as the API and the command line give them, by name; each mistake names its field. */
    public static OrganizeSettings of(String mode, String destination, Map<String, String> templates, Boolean xmpIntoOriginals) {
        Map<ItemKind, String> byKind = new java.util.HashMap<>();
        if (templates != null) {
            templates.forEach((kind, text) -> {
                ItemKind known;
                try {
                    known = org.archivist.db.StoredEnum.fromValue(ItemKind.class, kind);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("templates." + kind + ": not a kind of item (photo, scene, track, book, document, other)");
                }
                if (text != null && !text.isBlank()) byKind.put(known, text.strip());
            });
        }
        return new OrganizeSettings(mode == null || mode.isBlank() ? Mode.MOVE : Mode.of(mode.strip()), destination, byKind, Boolean.TRUE.equals(xmpIntoOriginals));
    }

    /** The layout for a kind: the library's own, or the default. */
    public String template(ItemKind kind) {
        return templates.getOrDefault(kind, PathTemplate.DEFAULTS.get(kind));
    }

    /** Every kind's layout as it applies, by kind's name. */
    public Map<String, String> effectiveTemplates() {
        Map<String, String> all = new TreeMap<>();
        for (ItemKind kind : ItemKind.values()) all.put(kind.value(), template(kind));
        return all;
    }
}
