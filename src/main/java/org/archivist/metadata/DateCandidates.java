package org.archivist.metadata;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects the dates found in one file. Strings are parsed leniently (EXIF, ISO 8601, PDF and
 * RFC-like forms); blank, zero and unparsable values are kept as rejections with the reason, so a
 * person can see why a date was not used.
 */
public final class DateCandidates {

    /** yyyy[-:]MM[-:]dd[ T]HH:mm[:ss][.fff][Z|±hh[:]mm] and the date-only and year-only forms. */
    private static final Pattern GENERIC = Pattern.compile(
            "^\\s*(\\d{4})(?:[-:/.](\\d{1,2})(?:[-:/.](\\d{1,2})"
                    + "(?:[ T]+(\\d{1,2})[:.](\\d{2})(?::(\\d{2})(?:[.,:](\\d{1,9}))?)?)?)?)?"
                    + "\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)?(?:\\s*DST)?\\s*$");
    /** PDF dates: D:YYYYMMDDHHmmSSOHH'mm'. */
    private static final Pattern PDF = Pattern.compile(
            "^\\s*(?:D:)?(\\d{4})(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(Z|[+-]\\d{2}'?(?:\\d{2}'?)?)?.*$");

    public record Rejection(String tag, String value, String reason) {
    }

    private final List<DateCandidate> found = new ArrayList<>();
    private final List<Rejection> rejected = new ArrayList<>();

    public void add(DateCandidate candidate) {
        if (candidate != null) found.add(candidate);
    }

    public void reject(String tag, String value, String reason) {
        rejected.add(new Rejection(tag, value, reason));
    }

    /** Parses an EXIF/ISO/RFC-style string; a trailing zone makes it absolute, unless {@code utcBySpec}. */
    public void addText(DateOrigin origin, String tag, String value, boolean utcBySpec) {
        if (value == null) return;
        String text = value.strip().replace('\u0000', ' ').strip();
        if (text.isEmpty() || text.replaceAll("[\\s:\\-./T]", "").isEmpty()) {
            reject(tag, value, "blank");
            return;
        }
        if (text.replaceAll("[\\s:\\-./TZ+]", "").chars().allMatch(c -> c == '0')) {
            reject(tag, value, "zero date");
            return;
        }
        Matcher m = GENERIC.matcher(text);
        if (!m.matches()) {
            reject(tag, value, "not a date this program reads");
            return;
        }
        try {
            LocalDateTime wall = LocalDateTime.of(
                    LocalDate.of(Integer.parseInt(m.group(1)), number(m.group(2), 1), number(m.group(3), 1)),
                    LocalTime.of(number(m.group(4), 0), number(m.group(5), 0), number(m.group(6), 0), nanos(m.group(7))));
            Integer offset = offsetMinutes(m.group(8));
            if (utcBySpec && offset == null) {
                found.add(new DateCandidate(origin, tag, millis(wall), null, true));
            } else if (offset != null && offset == 0 && "Z".equals(m.group(8))) {
                found.add(new DateCandidate(origin, tag, millis(wall), null, true));
            } else {
                found.add(DateCandidate.withOffset(origin, tag, millis(wall), offset));
            }
        } catch (DateTimeException | NumberFormatException e) {
            reject(tag, value, "impossible date (" + e.getMessage() + ")");
        }
    }

    /** A PDF date string (D:20220426162211+02'00'); also accepts the ISO forms some producers write. */
    public void addPdfDate(DateOrigin origin, String tag, String value) {
        if (value == null) return;
        String text = value.strip();
        Matcher m = PDF.matcher(text);
        if (!text.startsWith("D:") && GENERIC.matcher(text).matches() || !m.matches()) {
            addText(origin, tag, value, false);
            return;
        }
        try {
            LocalDateTime wall = LocalDateTime.of(Integer.parseInt(m.group(1)), number(m.group(2), 1), number(m.group(3), 1),
                    number(m.group(4), 0), number(m.group(5), 0), number(m.group(6), 0));
            String zone = m.group(7) == null ? null : m.group(7).replace("'", "");
            if ("Z".equals(zone)) {
                found.add(new DateCandidate(origin, tag, wall, null, true));
            } else {
                found.add(DateCandidate.withOffset(origin, tag, wall, offsetMinutes(zone)));
            }
        } catch (DateTimeException | NumberFormatException e) {
            reject(tag, value, "impossible date (" + e.getMessage() + ")");
        }
    }

    public void addInstant(DateOrigin origin, String tag, Instant instant) {
        if (instant == null) return;
        if (instant.getEpochSecond() == 0 || instant.isBefore(Instant.parse("1904-01-02T00:00:00Z"))) {
            reject(tag, instant.toString(), "zero date");
            return;
        }
        found.add(DateCandidate.utc(origin, tag, instant.truncatedTo(ChronoUnit.MILLIS)));
    }

    public void addOffsetDateTime(DateOrigin origin, String tag, OffsetDateTime value) {
        if (value == null) return;
        found.add(DateCandidate.withOffset(origin, tag, millis(value.toLocalDateTime()), value.getOffset().getTotalSeconds() / 60));
    }

    public List<DateCandidate> found() {
        return List.copyOf(found);
    }

    public List<Rejection> rejected() {
        return List.copyOf(rejected);
    }

    /** Sub-second digits ("25" of EXIF SubSecTimeOriginal) applied to the last candidate of {@code tag}. */
    public void applySubSeconds(String tag, String subSeconds) {
        if (subSeconds == null || !subSeconds.strip().matches("\\d{1,9}")) return;
        for (int i = found.size() - 1; i >= 0; i--) {
            DateCandidate c = found.get(i);
            if (c.tag().equals(tag) && c.wallClock().getNano() == 0) {
                found.set(i, new DateCandidate(c.origin(), c.tag(), millis(c.wallClock().withNano(nanos(subSeconds.strip()))),
                        c.offsetMinutes(), c.utc()));
                return;
            }
        }
    }

    /** An EXIF OffsetTime* value ("+02:00") applied to the last candidate of {@code tag} that has none. */
    public void applyOffset(String tag, String offset) {
        Integer minutes;
        try {
            minutes = offset == null ? null : offsetMinutes(offset.strip());
        } catch (NumberFormatException e) {
            reject(tag + " offset", offset, "not an offset");
            return;
        }
        if (minutes == null) return;
        for (int i = found.size() - 1; i >= 0; i--) {
            DateCandidate c = found.get(i);
            if (c.tag().equals(tag) && c.offsetMinutes() == null && !c.utc()) {
                found.set(i, DateCandidate.withOffset(c.origin(), c.tag(), c.wallClock(), minutes));
                return;
            }
        }
    }

    static Integer offsetMinutes(String zone) {
        if (zone == null || zone.isBlank()) return null;
        if (zone.equals("Z")) return 0;
        String digits = zone.substring(1).replace(":", "");
        if (!digits.matches("\\d{2}(\\d{2})?")) throw new NumberFormatException("offset " + zone);
        int hours = Integer.parseInt(digits.substring(0, 2));
        int minutes = digits.length() == 4 ? Integer.parseInt(digits.substring(2)) : 0;
        if (hours > 18 || minutes > 59) throw new NumberFormatException("offset " + zone);
        int total = hours * 60 + minutes;
        return zone.charAt(0) == '-' ? -total : total;
    }

    private static int number(String group, int fallback) {
        return group == null ? fallback : Integer.parseInt(group);
    }

    private static int nanos(String fraction) {
        if (fraction == null) return 0;
        String digits = (fraction + "000000000").substring(0, 9);
        return Integer.parseInt(digits);
    }

    private static LocalDateTime millis(LocalDateTime wall) {
        return wall.truncatedTo(ChronoUnit.MILLIS);
    }

    /** For the {@code extra} JSON: what was found and what was refused. */
    public static Map<String, Object> describe(DateCandidate c) {
        var map = new java.util.LinkedHashMap<String, Object>();
        map.put("tag", c.tag());
        map.put("origin", c.origin().name().toLowerCase(java.util.Locale.ROOT));
        map.put("wallClock", c.wallClock().toString());
        map.put("offsetMinutes", c.offsetMinutes());
        map.put("utc", c.utc());
        map.put("instant", c.storedInstant().toString());
        return map;
    }
}
