package org.archivist.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Which items a page shows and in what order: filters that combine (all must hold), a sort and
 * its direction. A null filter does not filter. File-level filters (media type, library, capture
 * date, camera, GPS, confidence, status) apply to the item's primary file, its first catalogued.
 *
 * @param tags      items with any of these tags, or all of them when {@code allTags}
 * @param minRating the average rating at least this (0-5)
 */
public record ItemQuery(ItemKind kind, MediaType mediaType, Long library, List<Long> tags, boolean allTags, Long person,
                        Long studio, Long collection, Instant capturedFrom, Instant capturedTo, String cameraMake,
                        String cameraModel, Boolean hasGps, Double minRating, Confidence confidence, FileStatus status,
                        String q, Sort sort, boolean descending, java.util.Set<Long> visible, Long favoritesOf) {

    /** What a page can be sorted by; ties are broken by id, so every order is total and stable. */
    public enum Sort {
        CAPTURED("captured"), ADDED("added"), TITLE("title"), RATING("rating"), SIZE("size");

        private final String value;

        Sort(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        public static Sort parse(String text) {
            for (Sort sort : values()) if (sort.value.equals(text.toLowerCase(Locale.ROOT))) return sort;
            throw new IllegalArgumentException("sort: '" + text + "' is not one of captured, added, title, rating, size");
        }
    }

    public ItemQuery {
        tags = tags == null ? List.of() : tags.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (tags.size() > 50) throw new IllegalArgumentException("tag: at most 50 tags, not " + tags.size());
        if (minRating != null && (minRating < 0 || minRating > 5 || minRating.isNaN())) {
            throw new IllegalArgumentException("minRating: " + minRating + " is outside 0-5");
        }
        if (capturedFrom != null && capturedTo != null && capturedTo.isBefore(capturedFrom)) {
            throw new IllegalArgumentException("capturedTo: " + capturedTo + " is before capturedFrom " + capturedFrom);
        }
        if (q != null && q.length() > 500) throw new IllegalArgumentException("q: longer than 500 characters");
        if (cameraMake != null && cameraMake.length() > 500) throw new IllegalArgumentException("cameraMake: longer than 500 characters");
        if (cameraModel != null && cameraModel.length() > 500) throw new IllegalArgumentException("cameraModel: longer than 500 characters");
        if (sort == null) sort = Sort.CAPTURED;
        visible = visible == null ? null : java.util.Set.copyOf(visible);
    }

    /** Only files in these libraries (null: every library), the caller's: what a user may not see is not there. */
    public ItemQuery within(java.util.Set<Long> libraries) {
        return new ItemQuery(kind, mediaType, library, tags, allTags, person, studio, collection, capturedFrom, capturedTo, cameraMake,
                cameraModel, hasGps, minRating, confidence, status, q, sort, descending, libraries, favoritesOf);
    }

    /** Only the items this person marked as favourites (null: no such filter). */
    public ItemQuery favoritesOf(Long userId) {
        return new ItemQuery(kind, mediaType, library, tags, allTags, person, studio, collection, capturedFrom, capturedTo, cameraMake,
                cameraModel, hasGps, minRating, confidence, status, q, sort, descending, visible, userId);
    }

    /** Every filter and the order, in one canonical line: a cursor carries its hash so it is used with its own query only. */
    String canonical() {
        return String.join("|", String.valueOf(kind), String.valueOf(mediaType), String.valueOf(library), tags.toString(),
                String.valueOf(allTags), String.valueOf(person), String.valueOf(studio), String.valueOf(collection),
                String.valueOf(capturedFrom), String.valueOf(capturedTo), String.valueOf(cameraMake), String.valueOf(cameraModel),
                String.valueOf(hasGps), String.valueOf(minRating), String.valueOf(confidence), String.valueOf(status),
                String.valueOf(visible == null ? null : new java.util.TreeSet<>(visible)), String.valueOf(favoritesOf),
                String.valueOf(q), sort.value(), String.valueOf(descending));
    }
}
