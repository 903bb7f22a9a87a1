package org.archivist.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * BCrypt for passphrases of any length. BCrypt reads only 72 bytes (Spring Security refuses more): a
 * passphrase of up to 128 characters, 4 bytes each in some scripts, would be refused or cut short.
 * One over 72 bytes is hashed with SHA-256 first and BCrypt hashes the 44 characters of its Base64;
 * a shorter one goes to BCrypt as it is, so every stored hash stays a plain {@code $2a$} BCrypt hash.
 */
final class PassphraseEncoder implements PasswordEncoder {

    private static final int BCRYPT_BYTES = 72;

    private final BCryptPasswordEncoder bcrypt;

    PassphraseEncoder(int cost) {
        this.bcrypt = new BCryptPasswordEncoder(cost);
    }

    @Override
    public String encode(CharSequence passphrase) {
        return bcrypt.encode(fitted(passphrase));
    }

    @Override
    public boolean matches(CharSequence passphrase, String hash) {
        return passphrase != null && bcrypt.matches(fitted(passphrase), hash);
    }

    @Override
    public boolean upgradeEncoding(String hash) {
        return bcrypt.upgradeEncoding(hash);
    }

    private static CharSequence fitted(CharSequence passphrase) {
        if (passphrase == null) return null;
        byte[] bytes = passphrase.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= BCRYPT_BYTES) return passphrase;
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
