package org.archivist.organize;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.archivist.catalog.ItemKind;
import org.archivist.catalog.LayoutFacts.Facts;
import org.archivist.catalog.MediaType;

/**
 * A folder layout such as {@code {year|unknown}/{year}-{month}-{day}/{name}.{ext}}: text, folders
 * separated by {@code /}, and variables in braces. {@code {a|b|text}} takes the first of the
 * variables that has a value, else the text after the last bar (which may be empty: {@code {track|}}).
 * Every value is made safe as part of a name (a {@code /} in an artist's name does not make a
 * folder); every folder and file name is made safe whole ({@link SafeNames}). A layout whose last
 * name has no {@code {ext}} keeps the file's extension.
 */
record PathTemplate(String text, List<List<Part>> names) {

    /** A piece of a name: literal text, or alternatives (variables, then a fallback text or null). */
    sealed interface Part permits Literal, Choice {
    }

    record Literal(String text) implements Part {
    }

    record Choice(List<String> variables, String fallback) implements Part {
    }

    /** Each variable and how it is read from a file's facts; null is "no value". */
    static final Map<String, Function<Facts, String>> VARIABLES = new TreeMap<>(Map.ofEntries(
            Map.entry("year", f -> f.localCapture() != null ? pad(f.localCapture().getYear(), 4)
                    : f.itemDate() != null ? pad(f.itemDate().getYear(), 4) : f.year() == null ? null : pad(f.year(), 4)),
            Map.entry("month", f -> date(f) == null ? null : pad(date(f).getMonthValue(), 2)),
            Map.entry("month_name", f -> date(f) == null ? null : date(f).getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)),
            Map.entry("day", f -> date(f) == null ? null : pad(date(f).getDayOfMonth(), 2)),
            Map.entry("hour", f -> f.localCapture() == null ? null : pad(f.localCapture().getHour(), 2)),
            Map.entry("minute", f -> f.localCapture() == null ? null : pad(f.localCapture().getMinute(), 2)),
            Map.entry("second", f -> f.localCapture() == null ? null : pad(f.localCapture().getSecond(), 2)),
            Map.entry("make", f -> blank(f.cameraMake())),
            Map.entry("model", f -> blank(f.cameraModel())),
            Map.entry("kind", f -> kind(f).value()),
            Map.entry("name", f -> stem(fileName(f.path()))),
            Map.entry("ext", f -> extension(fileName(f.path()))),
            Map.entry("folder", f -> f.path().contains("/") ? f.path().substring(0, f.path().lastIndexOf('/')) : null),
            Map.entry("artist", f -> blank(f.artist())),
            Map.entry("album_artist", f -> blank(f.albumArtist())),
            Map.entry("album", f -> blank(f.album())),
            Map.entry("track", f -> f.track() == null || f.track() <= 0 ? null : pad(f.track(), 2)),
            Map.entry("title", f -> blank(f.metadataTitle()) != null ? f.metadataTitle().strip() : blank(f.itemTitle())),
            Map.entry("author", f -> f.authors().isEmpty() ? null : String.join(", ", f.authors().subList(0, Math.min(3, f.authors().size())))),
            Map.entry("studio", f -> blank(f.studio())),
            Map.entry("performers", f -> f.performers().isEmpty() ? null
                    : String.join(", ", f.performers().subList(0, Math.min(3, f.performers().size()))) + (f.performers().size() > 3 ? " et al" : "")),
            Map.entry("collection", f -> blank(f.collection()))));

    /** The layout each kind of item gets unless its library says otherwise. */
    static final Map<ItemKind, String> DEFAULTS = Map.of(
            ItemKind.PHOTO, "{year|unknown}/{year|unknown}-{month|00}-{day|00}/{name}.{ext}",
            ItemKind.SCENE, "{year|unknown}/{year|unknown}-{month|00}-{day|00}/{name}.{ext}",
            ItemKind.TRACK, "{album_artist|artist|Unknown Artist}/{album|Unknown Album}/{track|} {title|name}.{ext}",
            ItemKind.BOOK, "{author|Unknown Author}/{title|name}.{ext}",
            ItemKind.DOCUMENT, "{folder|}/{name}.{ext}",
            ItemKind.OTHER, "{folder|}/{name}.{ext}");

    /** Reads a layout; a mistake is an {@link IllegalArgumentException} naming it. */
    static PathTemplate parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("the layout is empty");
        if (text.startsWith("/")) throw new IllegalArgumentException("a layout is relative to the destination: '" + text + "' starts with /");
        List<List<Part>> names = new ArrayList<>();
        List<Part> name = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                int end = text.indexOf('}', i);
                int nextOpen = text.indexOf('{', i + 1);
                int slash = text.indexOf('/', i);
                if (end < 0 || (nextOpen >= 0 && nextOpen < end) || (slash >= 0 && slash < end)) throw new IllegalArgumentException("'" + text + "': the { at " + (i + 1) + " is never closed");
                if (!literal.isEmpty()) name.add(new Literal(literal.toString()));
                literal.setLength(0);
                name.add(choice(text, text.substring(i + 1, end)));
                i = end;
            } else if (c == '}') {
                throw new IllegalArgumentException("'" + text + "': the } at " + (i + 1) + " closes nothing");
            } else if (c == '/') {
                if (!literal.isEmpty()) name.add(new Literal(literal.toString()));
                literal.setLength(0);
                if (!name.isEmpty()) names.add(List.copyOf(name));
                name = new ArrayList<>();
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) name.add(new Literal(literal.toString()));
        if (name.isEmpty()) throw new IllegalArgumentException("'" + text + "' ends with / : a layout ends with the file's name");
        names.add(List.copyOf(name));
        for (List<Part> each : names) {
            for (Part part : each) {
                if (part instanceof Literal l && (l.text().equals("..") || l.text().equals(".")) && each.size() == 1) {
                    throw new IllegalArgumentException("'" + text + "': a layout stays inside its destination (no . or .. folders)");
                }
            }
        }
        return new PathTemplate(text, List.copyOf(names));
    }

    private static Choice choice(String text, String inside) {
        String[] alternatives = inside.split("\\|", -1);
        List<String> variables = new ArrayList<>();
        String fallback = null;
        for (int i = 0; i < alternatives.length; i++) {
            String alternative = alternatives[i].strip();
            if (VARIABLES.containsKey(alternative)) {
                if (fallback != null) throw new IllegalArgumentException("'" + text + "': in {" + inside + "} the text '" + fallback + "' must come last");
                variables.add(alternative);
            } else if (i == 0) {
                throw new IllegalArgumentException("'" + text + "': unknown variable {" + alternative + "}; known are " + VARIABLES.keySet());
            } else if (fallback != null) {
                throw new IllegalArgumentException("'" + text + "': in {" + inside + "} only the last choice may be text");
            } else {
                fallback = alternatives[i];
            }
        }
        return new Choice(List.copyOf(variables), fallback);
    }

    /** Whether a value is missing: then the whole name falls back, or the file is skipped with the variable's name. */
    static final class Missing extends Exception {
        Missing(String variable) {
            super("it has no " + variable + " (give the layout a fallback: {" + variable + "|unknown})");
        }
    }

    /** The file's new path relative to the destination, every name safe. */
    String render(Facts facts) throws Missing {
        List<String> rendered = new ArrayList<>();
        boolean hasExtension = false;
        for (int n = 0; n < names.size(); n++) {
            StringBuilder name = new StringBuilder();
            for (Part part : names.get(n)) {
                if (part instanceof Literal literal) {
                    name.append(literal.text());
                } else if (part instanceof Choice choice) {
                    if (n == names.size() - 1 && choice.variables().contains("ext")) hasExtension = true;
                    String[] chosen = value(choice, facts);
                    String value = chosen == null ? null : chosen[1];
                    // A file without an extension: "{name}.{ext}" is its name (the dot left behind goes as a trailing dot does).
                    if (value == null && choice.variables().contains("ext")) value = "";
                    if (value == null) throw new Missing(choice.variables().get(0));
                    // {folder} is a path of its own: each of its names is kept (and made safe) rather than joined; any other value is one name's part.
                    name.append(chosen != null && "folder".equals(chosen[0]) ? value : SafeNames.part(value));
                }
            }
            for (String piece : name.toString().split("/")) {
                if (!piece.isBlank()) rendered.add(SafeNames.name(piece));
            }
        }
        if (rendered.isEmpty()) throw new Missing("name");
        if (!hasExtension) {
            String extension = extension(fileName(facts.path()));
            if (extension != null) rendered.set(rendered.size() - 1, SafeNames.shortened(rendered.get(rendered.size() - 1) + "." + extension));
        }
        return String.join("/", rendered);
    }

    /** The variable that gave a value and the value ({@code null} variable: the fallback text), or null. */
    private static String[] value(Choice choice, Facts facts) {
        for (String variable : choice.variables()) {
            String value = VARIABLES.get(variable).apply(facts);
            if (value != null && !value.isBlank()) return new String[] {variable, value};
        }
        return choice.fallback() == null ? null : new String[] {null, choice.fallback()};
    }

    static ItemKind kind(Facts facts) {
        if (facts.kind() != null) return facts.kind();
        MediaType type = facts.mediaType() == null ? MediaType.OTHER : facts.mediaType();
        return switch (type) {
            case VIDEO -> ItemKind.SCENE;
            case AUDIO -> ItemKind.TRACK;
            case IMAGE -> ItemKind.PHOTO;
            case BOOK -> ItemKind.BOOK;
            case DOCUMENT -> ItemKind.DOCUMENT;
            case OTHER -> ItemKind.OTHER;
        };
    }

    private static LocalDate date(Facts facts) {
        LocalDateTime capture = facts.localCapture();
        return capture != null ? capture.toLocalDate() : facts.itemDate();
    }

    private static String pad(int number, int digits) {
        String text = Integer.toString(number);
        return text.length() >= digits ? text : "0".repeat(digits - text.length()) + text;
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The extension in lower case, without its dot, or null. */
    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && dot < name.length() - 1 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : null;
    }
}
