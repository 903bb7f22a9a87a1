package org.archivist.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.archivist.ArchivistApplication;
import org.archivist.db.DatabaseLocation;
import org.archivist.db.SchemaMigrator;
import org.archivist.db.Engine;
import org.archivist.testing.TestDatabases;
import org.springframework.jdbc.core.JdbcTemplate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A browser's session is in the database: the server stops and starts again, and the person is still signed in. */
class SessionRestartTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private static String base(ConfigurableApplicationContext server) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) server).getWebServer().getPort();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aSignedInSessionSurvivesARestart(Engine engine) throws Exception {
        DatabaseLocation location = TestDatabases.fresh(engine);
        new SchemaMigrator(location).upgrade();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        try (ConfigurableApplicationContext server = ArchivistApplication.serve(location, "127.0.0.1", 0)) {
            server.getBean(UserService.class).register(new UserSchemas.Create("restart@example.org", "a long test passphrase", null, null, Role.USER));
            Matcher token = CSRF.matcher(browser.send(HttpRequest.newBuilder(URI.create(base(server) + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(token.find()).isTrue();
            HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(base(server) + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("email=restart@example.org&password=a+long+test+passphrase&_csrf=" + token.group(1)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/");
        }
        try (ConfigurableApplicationContext again = ArchivistApplication.serve(location, "127.0.0.1", 0)) {
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(base(again) + "/account")).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as("still signed in after the restart").isEqualTo(200);
            assertThat(page.body()).contains("restart@example.org");

            // The last access is written at most once a minute: a request right after leaves the row alone, one after a
            // minute moves it (an idle session still ends 14 days after its last use, give or take that minute).
            JdbcTemplate jdbc = again.getBean(JdbcTemplate.class);
            long stored = jdbc.queryForObject("SELECT max(LAST_ACCESS_TIME) FROM SPRING_SESSION", Long.class);
            assertThat(jdbc.queryForObject("SELECT max(MAX_INACTIVE_INTERVAL) FROM SPRING_SESSION", Long.class)).as("spring.session.timeout, 14 days")
                    .isEqualTo(14 * 24 * 3600L);
            assertThat(browser.send(HttpRequest.newBuilder(URI.create(base(again) + "/account")).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()).isEqualTo(200);
            assertThat(jdbc.queryForObject("SELECT max(LAST_ACCESS_TIME) FROM SPRING_SESSION", Long.class)).as("not touched within the minute")
                    .isEqualTo(stored);
            jdbc.update("UPDATE SPRING_SESSION SET LAST_ACCESS_TIME = LAST_ACCESS_TIME - 120000");
            assertThat(browser.send(HttpRequest.newBuilder(URI.create(base(again) + "/account")).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()).isEqualTo(200);
            assertThat(jdbc.queryForObject("SELECT max(LAST_ACCESS_TIME) FROM SPRING_SESSION", Long.class)).as("touched after it")
                    .isGreaterThanOrEqualTo(stored);
        }
    }
}
