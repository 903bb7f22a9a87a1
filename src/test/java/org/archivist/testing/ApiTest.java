package org.archivist.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.Map;

import org.archivist.ArchivistApplication;
import org.archivist.db.DatabaseLocation;
import org.archivist.db.Engine;
import org.archivist.db.SchemaMigrator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of API tests: the real server (with its background workers) on a real database of each
 * engine, shared by the API tests of one JVM, and a real HTTP client.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
public abstract class ApiTest {

    private static final Map<Engine, ConfigurableApplicationContext> SERVERS = new EnumMap<>(Engine.class);
    private static final Map<Engine, String> ADMIN_TOKENS = new EnumMap<>(Engine.class);
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    @Parameter
    protected Engine engine;

    protected ConfigurableApplicationContext server;
    protected String base;
    /** Sent as X-API-Key with every request: an admin's read-write token unless a test sets another, or null for none. */
    protected String apiKey;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void openServer() {
        server = server(engine);
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) server).getWebServer().getPort();
        apiKey = ADMIN_TOKENS.get(engine);
    }

    private static synchronized ConfigurableApplicationContext server(Engine engine) {
        return SERVERS.computeIfAbsent(engine, e -> {
            DatabaseLocation location = TestDatabases.fresh(e);
            new SchemaMigrator(location).upgrade();
            ConfigurableApplicationContext started = ArchivistApplication.serve(location, "127.0.0.1", 0);
            ADMIN_TOKENS.put(e, tokenOf(started, "admin-" + System.nanoTime() + "@example.org", org.archivist.accounts.Role.ADMIN,
                    org.archivist.accounts.ApiTokenService.Scope.READ_WRITE));
            return started;
        });
    }

    /** A new account with that role, and a token of that scope for it. */
    protected static String tokenOf(ConfigurableApplicationContext server, String email, org.archivist.accounts.Role role,
                                    org.archivist.accounts.ApiTokenService.Scope scope) {
        var user = server.getBean(org.archivist.accounts.UserService.class)
                .register(new org.archivist.accounts.UserSchemas.Create(email, "a long test passphrase", null, null, role));
        return server.getBean(org.archivist.accounts.ApiTokenService.class).create(user.getId(), "tests", scope).token();
    }

    protected <T> T bean(Class<T> type) {
        return server.getBean(type);
    }

    protected JdbcTemplate jdbc() {
        return server.getBean(JdbcTemplate.class);
    }

    protected static String unique(String prefix) {
        return prefix + "-" + System.nanoTime();
    }

    public record Answer(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** A problem detail's {@code detail}. */
        public String detail() {
            return json().path("detail").asString();
        }
    }

    protected Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    protected Answer post(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    protected Answer post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    protected Answer patch(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    protected Answer delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    protected Answer send(HttpRequest.Builder request) {
        if (apiKey != null) request.header("X-API-Key", apiKey);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The job, polled until it has ended (completed, cancelled, or failed for good). */
    protected JsonNode awaitJob(long id) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode job = get("/api/jobs/" + id).json();
            String status = job.get("status").asString();
            if (status.equals("completed") || status.equals("cancelled")
                    || status.equals("failed") && job.get("retryCount").asInt() >= job.get("maxRetries").asInt()) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + id + " did not end within 60 s");
    }
}
