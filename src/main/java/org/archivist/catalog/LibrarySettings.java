package org.archivist.catalog;

import java.util.List;

/**
 * A library's scan settings, stored as JSON in {@code libraries.settings}.
 *
 * @param excludeGlobs glob patterns, relative to the library root, of paths the scan skips
 * @param followLinks whether the scan follows symbolic links (loops are always detected)
 */
public record LibrarySettings(List<String> excludeGlobs, boolean followLinks) {

    public static final LibrarySettings DEFAULT = new LibrarySettings(List.of(), false);

    public LibrarySettings {
        excludeGlobs = excludeGlobs == null ? List.of() : List.copyOf(excludeGlobs);
    }

    /** Reads stored JSON where any key may be absent (the column's default is {@code {}}). */
    @com.fasterxml.jackson.annotation.JsonCreator
    static LibrarySettings fromJson(@com.fasterxml.jackson.annotation.JsonProperty("excludeGlobs") List<String> excludeGlobs,
                                    @com.fasterxml.jackson.annotation.JsonProperty("followLinks") Boolean followLinks) {
        return new LibrarySettings(excludeGlobs, Boolean.TRUE.equals(followLinks));
    }
}
