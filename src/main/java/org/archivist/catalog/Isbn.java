package org.archivist.catalog;

/** ISBN-10 and ISBN-13 checking by checksum, and conversion to ISBN-13. */
public final class Isbn {

    private Isbn() {
    }

    public static boolean isValid(String isbn) {
        try {
            toIsbn13(isbn);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The ISBN-13 for an ISBN-10 or ISBN-13 written with or without hyphens and spaces. */
    public static String toIsbn13(String isbn) {
        if (isbn == null) {
            throw new IllegalArgumentException("ISBN is missing");
        }
        String compact = isbn.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
        if (compact.matches("\\d{9}[\\dX]")) {
            if (isbn10Sum(compact) % 11 != 0) {
                throw new IllegalArgumentException("'" + isbn + "' is not a valid ISBN-10: its check digit is wrong");
            }
            String body = "978" + compact.substring(0, 9);
            return body + isbn13CheckDigit(body);
        }
        if (compact.matches("97[89]\\d{10}")) {
            if (isbn13CheckDigit(compact.substring(0, 12)) != compact.charAt(12) - '0') {
                throw new IllegalArgumentException("'" + isbn + "' is not a valid ISBN-13: its check digit is wrong");
            }
            return compact;
        }
        throw new IllegalArgumentException("'" + isbn + "' is not an ISBN: expected 10 digits (the last may be X) or 13 digits starting 978 or 979");
    }

    /** The ISBN-10 an ISBN-13 of the 978 range was, for showing both; null for the 979 range, which has none. */
    public static String toIsbn10(String isbn13) {
        String compact = toIsbn13(isbn13);
        if (!compact.startsWith("978")) return null;
        String body = compact.substring(3, 12);
        int sum = 0;
        for (int i = 0; i < 9; i++) sum += (body.charAt(i) - '0') * (10 - i);
        int check = (11 - sum % 11) % 11;
        return body + (check == 10 ? "X" : String.valueOf(check));
    }

    private static int isbn10Sum(String digits) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            char c = digits.charAt(i);
            int value = c == 'X' ? 10 : c - '0';
            if (c == 'X' && i != 9) {
                return 1;
            }
            sum += value * (10 - i);
        }
        return sum;
    }

    private static int isbn13CheckDigit(String twelveDigits) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (twelveDigits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return (10 - sum % 10) % 10;
    }
}
