package org.archivist.catalog;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.archivist.db.StoredEnum;

/**
 * Item filters as a person writes them, in a query string or a JSON body: names for kinds and
 * types, ISO instants for dates. {@link #query} checks each and names the field it refuses.
 */
public record ItemFilter(String kind, String mediaType, Long library, List<Long> tag, String tags, Long person, Long studio,
                         Long collection, String capturedFrom, String capturedTo, String cameraMake, String cameraModel,
                         Boolean hasGps, Double minRating, String confidence, String status, String q) {

    public ItemQuery query(String sort, String order) {
        String matching = tags == null ? "any" : tags;
        if (!matching.equals("any") && !matching.equals("all")) throw new IllegalArgumentException("tags: '" + tags + "' is not one of any, all");
        String direction = order == null ? "desc" : order;
        if (!direction.equals("asc") && !direction.equals("desc")) throw new IllegalArgumentException("order: '" + order + "' is not one of asc, desc");
        return new ItemQuery(StoredEnum.parse("kind", ItemKind.class, kind), StoredEnum.parse("mediaType", MediaType.class, mediaType), library, tag,
                matching.equals("all"), person, studio, collection, instant("capturedFrom", capturedFrom), instant("capturedTo", capturedTo),
                cameraMake, cameraModel, hasGps, minRating, StoredEnum.parse("confidence", Confidence.class, confidence),
                StoredEnum.parse("status", FileStatus.class, status), q, sort == null ? ItemQuery.Sort.CAPTURED : ItemQuery.Sort.parse(sort),
                direction.equals("desc"), null, null);
    }

    private static Instant instant(String field, String value) {
        if (value == null) return null;
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not an ISO instant such as 2024-07-14T00:00:00Z");
        }
    }
}
