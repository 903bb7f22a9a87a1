package org.archivist.accounts;

import java.util.Locale;

/** E-mail addresses as stored: trimmed and in lower case, so that uniqueness ignores case. */
public final class EmailAddress {

    private EmailAddress() {
    }

    public static String normalize(String email) {
        if (email == null || email.isBlank()) {
            throw new IllegalArgumentException("email must not be blank");
        }
        String normalized = email.trim().toLowerCase(Locale.ROOT);
        int at = normalized.indexOf('@');
        if (at < 1 || at != normalized.lastIndexOf('@') || at == normalized.length() - 1 || normalized.contains(" ")) {
            throw new IllegalArgumentException("'" + email + "' is not an e-mail address");
        }
        return normalized;
    }
}
