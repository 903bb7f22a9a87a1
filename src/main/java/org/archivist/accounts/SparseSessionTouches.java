package org.archivist.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.config.annotation.web.http.JdbcHttpSessionConfiguration;

/**
 * Spring Session writes a session's last access back to the database on every request it serves: on
 * SQLite, whose one writer every request then waits for, that cut the item page from 811 to 215
 * requests a second (bench/README.md). Sessions here last 14 days, so the last access is written at
 * most once a minute per session; everything else (a new session, a changed attribute, a new id at
 * sign-in) is saved as before.
 */
@Configuration(proxyBeanMethods = false)
// Spring Boot configures the JDBC sessions only when no repository is declared: this one wraps it, so it sets it up itself.
@Import(JdbcHttpSessionConfiguration.class)
class SparseSessionTouches {

    /** The session lifetime Spring Boot would have given the repository (spring.session.timeout). */
    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionLifetime(@Value("${spring.session.timeout}") Duration timeout) {
        return sessions -> sessions.setDefaultMaxInactiveInterval(timeout);
    }

    /** How stale a stored last access may be before a request writes the new one. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    @Bean
    @Primary
    SessionRepository<Touched> sparselyTouchedSessions(JdbcIndexedSessionRepository sessions) {
        return new Repository(sessions);
    }

    private record Repository(JdbcIndexedSessionRepository sessions) implements SessionRepository<Touched> {

        @Override
        public Touched createSession() {
            return new Touched(sessions.createSession());
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public void save(Touched session) {
            // The session is the repository's own (a package-private type): handed back to it as it was made.
            ((SessionRepository) sessions).save(session.stored);
        }

        @Override
        public Touched findById(String id) {
            Session stored = sessions.findById(id);
            return stored == null ? null : new Touched(stored);
        }

        @Override
        public void deleteById(String id) {
            sessions.deleteById(id);
        }
    }

    /** A stored session whose last access moves only when the stored one is a minute old. */
    static final class Touched implements Session {
        private final Session stored;

        Touched(Session stored) {
            this.stored = stored;
        }

        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            if (Duration.between(stored.getLastAccessedTime(), lastAccessedTime).compareTo(TOUCH_EVERY) >= 0) {
                stored.setLastAccessedTime(lastAccessedTime);
            }
        }

        @Override
        public Instant getLastAccessedTime() {
            return stored.getLastAccessedTime();
        }

        @Override
        public String getId() {
            return stored.getId();
        }

        @Override
        public String changeSessionId() {
            return stored.changeSessionId();
        }

        @Override
        public <T> T getAttribute(String name) {
            return stored.getAttribute(name);
        }

        @Override
        public Set<String> getAttributeNames() {
            return stored.getAttributeNames();
        }

        @Override
        public void setAttribute(String name, Object value) {
            stored.setAttribute(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            stored.removeAttribute(name);
        }

        @Override
        public Instant getCreationTime() {
            return stored.getCreationTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            stored.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return stored.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return stored.isExpired();
        }
    }
}
