package org.archivist.metadata;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.archivist.catalog.FileMetadata;
import org.archivist.catalog.ItemProposal;
import org.archivist.catalog.PersonRole;

/** What the readers of one file found, filled in as they go. */
public final class ExtractedFacts {

    final FileMetadata metadata = new FileMetadata();
    final DateCandidates dates = new DateCandidates();
    final Map<String, Object> extra = new LinkedHashMap<>();
    final List<String> warnings = new ArrayList<>();
    final List<ItemProposal.Credit> people = new ArrayList<>();
    final Set<String> genres = new LinkedHashSet<>();
    String title;
    String isbn13;
    LocalDate publicationDate;
    /** A book's publisher, which becomes the item's studio. */
    String studio;
    /** A book's description, as plain text. */
    String details;
    boolean anyMetadata;
    /** When this file's time limit ends (System.nanoTime): a reader that waits checks what is left. */
    long deadline = Long.MAX_VALUE;

    public FileMetadata metadata() {
        return metadata;
    }

    public DateCandidates dates() {
        return dates;
    }

    public List<String> warnings() {
        return warnings;
    }

    public Map<String, Object> extra() {
        return extra;
    }

    public String title() {
        return title;
    }

    public String isbn13() {
        return isbn13;
    }

    public LocalDate publicationDate() {
        return publicationDate;
    }

    public List<ItemProposal.Credit> people() {
        return people;
    }

    public Set<String> genres() {
        return genres;
    }

    void credit(String names, PersonRole role) {
        if (names == null) return;
        for (String name : names.split("\\s*(?:;|\\u0000|/)\\s*")) {
            String clean = Text.clean(name);
            if (clean != null && people.stream().noneMatch(c -> c.name().equals(clean) && c.role() == role)) {
                people.add(new ItemProposal.Credit(clean, role));
            }
        }
    }

    void genre(String names) {
        if (names == null) return;
        for (String name : names.split("\\s*[;/\\u0000]\\s*")) {
            String clean = Text.clean(name);
            if (clean != null && !clean.matches("\\(?\\d+\\)?")) genres.add(clean);
        }
    }

    void warn(String message) {
        warnings.add(message);
    }

    /**
     * Keeps coordinates that exist on Earth; drops others with a warning. 0,0 ("null island", a
     * receiver without a fix) is kept but flagged.
     */
    void gps(Double latitude, Double longitude, Double altitude) {
        if (latitude == null || longitude == null || latitude.isNaN() || longitude.isNaN()) return;
        if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
            warn("GPS coordinates out of range dropped: latitude " + latitude + ", longitude " + longitude);
            return;
        }
        metadata.setLatitude(latitude);
        metadata.setLongitude(longitude);
        if (altitude != null && !altitude.isNaN()) metadata.setAltitude(altitude);
        if (latitude == 0 && longitude == 0) {
            extra.put("gpsZeroZero", true);
            warn("GPS position is 0,0: probably no fix, kept but flagged");
        }
        anyMetadata = true;
    }

    /** A position written as ISO 6709 ("+52.4597+013.3220+051.178/"), as QuickTime and Android store it. */
    void gpsIso6709(String location) {
        if (location == null) return;
        java.util.regex.Matcher g = ISO6709.matcher(location.strip());
        if (g.find()) {
            gps(Double.valueOf(g.group(1)), Double.valueOf(g.group(2)), g.group(3) == null ? null : Double.valueOf(g.group(3)));
        }
    }

    private static final java.util.regex.Pattern ISO6709 =
            java.util.regex.Pattern.compile("^([+-]\\d+(?:\\.\\d+)?)([+-]\\d+(?:\\.\\d+)?)([+-]\\d+(?:\\.\\d+)?)?");

    /** Takes the first valid ISBN-10/13 found in the text (by checksum), as ISBN-13. */
    void isbnFrom(String text) {
        if (text == null || isbn13 != null) return;
        java.util.regex.Matcher m = ISBN.matcher(text);
        while (m.find()) {
            String digits = m.group().replaceAll("[^0-9Xx]", "");
            if (org.archivist.catalog.Isbn.isValid(digits)) {
                isbn13 = org.archivist.catalog.Isbn.toIsbn13(digits);
                extra.put("isbn", isbn13);
                return;
            }
        }
    }

    /**
     * An ISBN in free text (a PDF's title, subject or keywords) only where it is announced ("ISBN 0-306-40615-2") or is
     * an ISBN-13 of the 978/979 ranges: one random 10-digit number in 11 passes the ISBN-10 check (an invoice number,
     * a phone number), and would turn a document into a book.
     */
    void announcedIsbnFrom(String text) {
        if (text == null || isbn13 != null) return;
        java.util.regex.Matcher announced = ANNOUNCED_ISBN.matcher(text);
        while (announced.find()) {
            isbnFrom(announced.group(1));
            if (isbn13 != null) return;
        }
        java.util.regex.Matcher thirteen = ISBN_13.matcher(text);
        while (thirteen.find() && isbn13 == null) isbnFrom(thirteen.group());
    }

    private static final java.util.regex.Pattern ANNOUNCED_ISBN =
            java.util.regex.Pattern.compile("(?i)isbn(?:-1[03])?[^0-9]{0,5}((?:97[89][- ]?)?(?:[0-9][- ]?){9}[0-9Xx])(?![0-9])");
    private static final java.util.regex.Pattern ISBN_13 =
            java.util.regex.Pattern.compile("(?<![0-9])97[89][- ]?(?:[0-9][- ]?){9}[0-9](?![0-9])");

    private static final java.util.regex.Pattern ISBN =
            java.util.regex.Pattern.compile("(?<![0-9])(?:97[89][- ]?)?(?:[0-9][- ]?){9}[0-9Xx](?![0-9])");
}
