package org.archivist.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.archivist.ArchivistApplication;
import org.archivist.accounts.Role;
import org.archivist.accounts.UserSchemas;
import org.archivist.accounts.UserService;
import org.archivist.db.DatabaseLocation;
import org.archivist.db.SchemaMigrator;
import org.archivist.testing.TestDatabases;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Sign-in latency ({@code bench/run login [ROUNDS]}): the whole form post (a fresh browser each time:
 * sign-in page, CSRF token, post) with the right password, a wrong one and an unknown e-mail, on
 * one connection after another; baseline in the same run: one BCrypt check alone at the cost used.
 */
public final class LoginBench {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        DatabaseLocation location = TestDatabases.freshSqlite();
        new SchemaMigrator(location).upgrade();
        try (ConfigurableApplicationContext server = ArchivistApplication.serve(location, "127.0.0.1", 0)) {
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) server).getWebServer().getPort();
            UserService users = server.getBean(UserService.class);
            var user = users.register(new UserSchemas.Create("bench@example.org", "a long bench passphrase", null, null, Role.USER));
            BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
            List<Double> check = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                long t = System.nanoTime();
                bcrypt.matches("a long bench passphrase", user.getPasswordHash());
                check.add((System.nanoTime() - t) / 1e6);
            }
            System.out.printf("Sign-in, %d rounds each, one at a time (BCrypt cost %s)%n", rounds, user.getPasswordHash().substring(4, 6));
            System.out.println("| what | p50 ms | p95 ms | target |");
            System.out.println("| --- | ---: | ---: | --- |");
            row("baseline: one BCrypt check alone", check, "");
            row("sign-in, right password", signIns(base, rounds, "bench@example.org", "a long bench passphrase", "/"), "p95 50-250");
            // Failures are limited per address, 10 at once: five of each kind fit.
            row("sign-in, wrong password (5)", signIns(base, 5, "bench@example.org", "not the passphrase", "/login?error"), "");
            row("sign-in, unknown e-mail (5)", signIns(base, 5, "nobody@example.org", "not the passphrase", "/login?error"), "the same cost");
        }
    }

    private static List<Double> signIns(String base, int rounds, String email, String password, String expected) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            String form = signInForm(browser, base, email, password);
            long t = System.nanoTime();
            HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
            times.add((System.nanoTime() - t) / 1e6);
            String location = answer.headers().firstValue("Location").orElse("");
            if (!location.endsWith(expected)) throw new IllegalStateException("sign-in answered " + answer.statusCode() + " to " + location);
        }
        return times;
    }

    /** The sign-in form as a browser posts it, with the CSRF token of the sign-in page that {@code browser} opened. */
    static String signInForm(HttpClient browser, String base, String email, String password) throws Exception {
        Matcher token = CSRF.matcher(browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        if (!token.find()) throw new IllegalStateException("no CSRF token on the sign-in page");
        return "email=" + email + "&password=" + password.replace(" ", "+") + "&_csrf=" + token.group(1);
    }

    private static void row(String what, List<Double> times, String target) {
        List<Double> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        double p50 = sorted.get(sorted.size() / 2);
        double p95 = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.95) - 1));
        System.out.printf("| %s | %.1f | %.1f | %s |%n", what, p50, p95, target);
    }
}
