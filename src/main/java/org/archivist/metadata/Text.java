package org.archivist.metadata;

/** Tidies text from tags: trims, drops control characters, and treats blank as absent. */
final class Text {

    private Text() {
    }

    static String clean(String value) {
        if (value == null) return null;
        String cleaned = value.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "").strip();
        return cleaned.isEmpty() ? null : cleaned;
    }

    static Integer parseInt(String value) {
        if (value == null) return null;
        String digits = value.strip().replaceFirst("^(\\d+).*$", "$1");
        try {
            return digits.isEmpty() ? null : Integer.valueOf(digits);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Double parseDouble(String value) {
        if (value == null) return null;
        try {
            return Double.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
