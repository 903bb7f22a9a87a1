package org.archivist.accounts;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.archivist.db.Instants;
import org.archivist.db.NotFoundException;
import org.archivist.db.SqlValues;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens for scripts ({@code X-API-Key}): 32 random bytes shown once at creation and
 * stored only as their SHA-256 (a token is not a password a person chose, so a fast hash of a
 * random secret is enough to make a stolen table useless). A token acts as its owner, never as
 * more: the owner's role and libraries at the moment of each request, read-only when its scope
 * says so. Revoked, or its owner disabled: refused at once.
 */
@Service
public class ApiTokenService {

    public enum Scope {
        READ("read"), READ_WRITE("read-write");

        private final String value;

        Scope(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        public static Scope parse(String text) {
            for (Scope scope : values()) if (scope.value.equals(text)) return scope;
            throw new IllegalArgumentException("scope: '" + text + "' is not one of read, read-write");
        }
    }

    /** A token just made: {@code token} is the secret, shown this once. */
    public record Created(long id, String name, Scope scope, String token) {
        @Override
        public String toString() {
            return "Created[" + id + ", " + name + ", " + scope.value() + ", token=***]";
        }
    }

    public record Token(long id, String name, Scope scope, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    }

    private static final String PREFIX = "arch_";
    private static final int LONGEST = 100;
    private static final Duration USE_RECORDED_EVERY = Duration.ofMinutes(1);

    private final JdbcTemplate jdbc;
    private final SqlValues values;
    private final SecureRandom random = new SecureRandom();

    private final org.springframework.transaction.support.TransactionTemplate writes;

    ApiTokenService(JdbcTemplate jdbc, SqlValues values, org.springframework.transaction.PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.values = values;
        this.writes = new org.springframework.transaction.support.TransactionTemplate(transactions);
    }

    @Transactional
    public Created create(long userId, String name, Scope scope) {
        if (name == null || name.isBlank() || name.strip().length() > 100) throw new IllegalArgumentException("name: 1 to 100 characters");
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            var ps = connection.prepareStatement("INSERT INTO api_tokens (user_id, name, token_hash, scope, created_at) VALUES (?, ?, ?, ?, ?)",
                    new String[] {"id"});
            ps.setLong(1, userId);
            ps.setString(2, name.strip());
            ps.setString(3, hash(token));
            ps.setString(4, scope.value());
            values.setInstant(ps, 5, Instants.now());
            return ps;
        }, key);
        return new Created(key.getKey().longValue(), name.strip(), scope, token);
    }

    @Transactional(readOnly = true)
    public List<Token> list(long userId) {
        return jdbc.query("SELECT id, name, scope, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = ? ORDER BY id",
                (rows, n) -> new Token(rows.getLong(1), rows.getString(2), Scope.parse(rows.getString(3)), values.getInstant(rows, 4),
                        values.getInstant(rows, 5), values.getInstant(rows, 6)), userId);
    }

    /** Revokes one of the user's tokens; another user's token answers as if it did not exist. */
    @Transactional
    public void revoke(long userId, long tokenId) {
        int changed = jdbc.update(connection -> {
            var ps = connection.prepareStatement("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL");
            values.setInstant(ps, 1, Instants.now());
            ps.setLong(2, tokenId);
            ps.setLong(3, userId);
            return ps;
        });
        if (changed == 0 && jdbc.queryForObject("SELECT count(*) FROM api_tokens WHERE id = ? AND user_id = ?", Integer.class, tokenId, userId) == 0) {
            throw new NotFoundException("token", tokenId);
        }
    }

    /**
     * The signed-in identity a token stands for, when it is live and its owner active. The look-up is a
     * plain read (no transaction: on SQLite a write transaction would queue every request behind the
     * one writer); the use is recorded at most once a minute, in a write of its own.
     */
    public Optional<Principal> authenticate(String token) {
        if (token == null || token.length() > LONGEST || !token.startsWith(PREFIX)) return Optional.empty();
        record Found(long tokenId, Instant lastUsed, Principal principal) {
        }
        List<Found> found = jdbc.query("""
                SELECT t.id, t.scope, t.last_used_at, u.id, u.email, u.role FROM api_tokens t JOIN users u ON u.id = t.user_id
                WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.is_active = ?""", (rows, n) -> {
            Role role = org.archivist.db.StoredEnum.parse("role", Role.class, rows.getString(6));
            return new Found(rows.getLong(1), values.getInstant(rows, 3),
                    new Principal(rows.getLong(4), rows.getString(5), role, true, Scope.parse(rows.getString(2)) == Scope.READ, null));
        }, hash(token), true);
        if (found.isEmpty()) return Optional.empty();
        Found live = found.get(0);
        if (live.lastUsed() == null || live.lastUsed().isBefore(Instants.now().minus(USE_RECORDED_EVERY))) {
            writes.executeWithoutResult(status -> jdbc.update(connection -> {
                var ps = connection.prepareStatement("UPDATE api_tokens SET last_used_at = ? WHERE id = ?");
                values.setInstant(ps, 1, Instants.now());
                ps.setLong(2, live.tokenId());
                return ps;
            }));
        }
        return Optional.of(live.principal());
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
