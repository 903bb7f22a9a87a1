package org.archivist.stash;

import java.net.URI;
import java.time.Instant;

import org.archivist.settings.SettingsSchemas;
import org.archivist.settings.SettingsService;
import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

/**
 * Where the Stash server is and its API key, stored as settings ({@code stash.url},
 * {@code stash.api_key}; neither is listed with the other settings), and how far the last import
 * got. The key is never answered back whole: only its last four characters.
 */
@Service
public class StashSettings {

    static final String URL = "stash.url";
    static final String KEY = "stash.api_key";
    static final String LAST_IMPORT = "stash.last_import";
    static final String TIMEOUT = "stash.timeout_seconds";

    /** The connection as a caller may see it. */
    public record Shown(String url, String apiKey, boolean configured, Instant lastImport) {
    }

    /** Where to send queries, with which key, and how long to wait for an answer. */
    record Connection(URI graphql, String apiKey, java.time.Duration timeout) {
    }

    private final SettingsService settings;
    private final JsonMapper json = JsonMapper.builder().build();

    StashSettings(SettingsService settings) {
        this.settings = settings;
    }

    /** Sets the server's address (http or https, its /graphql is added) and, when given, the key and how long to wait for it. */
    public Shown set(String url, String apiKey) {
        return set(url, apiKey, null);
    }

    @org.springframework.transaction.annotation.Transactional
    public Shown set(String url, String apiKey, Integer timeoutSeconds) {
        // Everything checked before anything is stored: a refused request changes nothing.
        URI address = address(url);
        if (timeoutSeconds != null && (timeoutSeconds < 1 || timeoutSeconds > 3_600)) {
            throw new IllegalArgumentException("timeoutSeconds: 1 to 3,600, not " + timeoutSeconds);
        }
        if (apiKey != null && (apiKey.isBlank() || apiKey.length() > 2_000)) throw new IllegalArgumentException("apiKey: 1 to 2,000 characters");
        if (timeoutSeconds != null) {
            settings.put(new SettingsSchemas.SettingCreate(TIMEOUT, json.getNodeFactory().numberNode(timeoutSeconds), "Longest wait for Stash"));
        }
        settings.put(new SettingsSchemas.SettingCreate(URL, json.getNodeFactory().stringNode(address.toString()), "Stash server"));
        if (apiKey != null) {
            settings.put(new SettingsSchemas.SettingCreate(KEY, json.getNodeFactory().stringNode(apiKey.strip()), "Stash API key"));
        }
        return shown();
    }

    public Shown shown() {
        String url = text(URL);
        String key = text(KEY);
        String masked = key == null ? null : key.length() <= 4 ? "••••" : "••••" + key.substring(key.length() - 4);
        String last = text(LAST_IMPORT);
        return new Shown(url, masked, url != null, last == null ? null : Instant.parse(last));
    }

    Connection connection() {
        String url = text(URL);
        if (url == null) throw new IllegalArgumentException("stash: not set up; give its address first (archivist stash set URL, or PUT /api/stash)");
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        int seconds = settings.value(TIMEOUT).filter(v -> v.isIntegralNumber()).map(v -> v.asInt()).orElse(30);
        return new Connection(URI.create(base.endsWith("/graphql") ? base : base + "/graphql"), text(KEY), java.time.Duration.ofSeconds(Math.max(1, seconds)));
    }

    Instant lastImport() {
        String last = text(LAST_IMPORT);
        return last == null ? null : Instant.parse(last);
    }

    void importedUpTo(Instant updatedAt) {
        settings.put(new SettingsSchemas.SettingCreate(LAST_IMPORT, json.getNodeFactory().stringNode(updatedAt.toString()), "Latest Stash updated_at imported"));
    }

    private String text(String key) {
        return settings.value(key).filter(v -> v.isString() && !v.asString().isBlank()).map(v -> v.asString()).orElse(null);
    }

    static URI address(String url) {
        URI address;
        try {
            address = URI.create(url == null ? "" : url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url: '" + url + "' is not a URL (" + e.getMessage() + ")");
        }
        if (!"http".equals(address.getScheme()) && !"https".equals(address.getScheme()) || address.getHost() == null) {
            throw new IllegalArgumentException("url: '" + url + "' is not an http or https address of a Stash server (such as http://nas.local:9999)");
        }
        return address;
    }
}
