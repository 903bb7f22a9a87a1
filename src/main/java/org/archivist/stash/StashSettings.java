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
        return new Shown(url, masked, url != null, newestImport());
    }

    Connection connection() {
        String url = text(URL);
        if (url == null) throw new IllegalArgumentException("stash: not set up; give its address first (archivist stash set URL, or PUT /api/stash)");
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        int seconds = settings.value(TIMEOUT).filter(v -> v.isIntegralNumber()).map(v -> v.asInt()).orElse(30);
        return new Connection(URI.create(base.endsWith("/graphql") ? base : base + "/graphql"), text(KEY), java.time.Duration.ofSeconds(Math.max(1, seconds)));
    }

    /**
     * How far the last import read a listing ({@code scenes}, {@code performers}, {@code tags},
     * {@code studios}): the newest updated_at it saw there, on Stash's clock, or null. Each listing
     * has its own: with one for all, a scene edited while the later listings were read could fall
     * behind a newer performer's time and never be read again.
     */
    Instant lastImport(String listing) {
        return settings.value(LAST_IMPORT).map(v -> {
            // Written before the listings had their own: one time for all of them, except the scenes,
            // read whole once more. Their items kept Archivist's clock then; read again, they keep
            // Stash's, which pushes compare against, and a scene the single time hid comes in.
            if (v.isString()) return listing.equals(StashTypes.SCENES.listField()) ? null : v.asString();
            tools.jackson.databind.JsonNode time = v.get(listing);
            return time != null && time.isString() ? time.asString() : null;
        }).filter(text -> !text.isBlank()).map(Instant::parse).orElse(null);
    }

    /** Newest of the listings' times: what a person is shown as how far the last import got. */
    private Instant newestImport() {
        return settings.value(LAST_IMPORT).map(v -> {
            if (v.isString()) return v.asString().isBlank() ? null : Instant.parse(v.asString());
            Instant newest = null;
            for (tools.jackson.databind.JsonNode time : v.values()) {
                Instant t = time.isString() && !time.asString().isBlank() ? Instant.parse(time.asString()) : null;
                if (t != null && (newest == null || t.isAfter(newest))) newest = t;
            }
            return newest;
        }).orElse(null);
    }

    void importedUpTo(java.util.Map<String, Instant> newestByListing) {
        tools.jackson.databind.node.ObjectNode times = json.createObjectNode();
        newestByListing.forEach((listing, time) -> {
            Instant known = time != null ? time : lastImport(listing);
            if (known != null) times.put(listing, known.toString());
        });
        settings.put(new SettingsSchemas.SettingCreate(LAST_IMPORT, times, "Latest Stash updated_at imported, per listing"));
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
