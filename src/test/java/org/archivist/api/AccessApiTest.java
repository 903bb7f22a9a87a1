package org.archivist.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.archivist.accounts.ApiTokenService;
import org.archivist.accounts.LibraryAccess;
import org.archivist.accounts.Role;
import org.archivist.accounts.UserService;
import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.scan.ScanProgress;
import org.archivist.scan.ScanService;
import org.archivist.testing.ApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Who may see and do what: a user sees the libraries granted and nothing of the others (404, as
 * for what does not exist); admin-only paths answer 403; a read token only reads; a revoked token
 * or a disabled owner is refused at once; a page change without its CSRF token is refused; failed
 * sign-ins are limited. The full matrix of every endpoint is the authorization test.
 */
class AccessApiTest extends ApiTest {

    @TempDir
    Path temp;

    private Library library(String name, String file) throws Exception {
        Path root = Files.createDirectories(temp.resolve(name));
        Files.writeString(root.resolve(file), "notes of " + name);
        Library library = bean(LibraryService.class).add(unique(name), root, Set.of(), List.of());
        bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE);
        return library;
    }

    private long itemOf(Library library) {
        return jdbc().queryForObject("SELECT item_id FROM files WHERE library_id = ?", Long.class, library.getId());
    }

    private long fileOf(Library library) {
        return jdbc().queryForObject("SELECT id FROM files WHERE library_id = ?", Long.class, library.getId());
    }

    @Test
    void aUserSeesTheirLibrariesOnlyAndATokenNeverMoreThanItsOwner() throws Exception {
        Library mine = library("mine", "mine.txt");
        Library theirs = library("theirs", "theirs.txt");
        String admin = apiKey;
        String email = unique("member") + "@example.org";
        String member = tokenOf(server, email, Role.USER, ApiTokenService.Scope.READ_WRITE);
        long memberId = bean(UserService.class).get(email).getId();
        bean(LibraryAccess.class).grant(memberId, mine.getId());
        String reader = bean(ApiTokenService.class).create(memberId, "read only", ApiTokenService.Scope.READ).token();

        apiKey = member;
        List<Long> libraries = get("/api/libraries").json().valueStream().map(l -> l.get("id").asLong()).toList();
        assertThat(libraries).containsExactly(mine.getId());
        JsonNode items = get("/api/items?limit=500").json().get("items");
        assertThat(items.valueStream().map(i -> i.get("id").asLong())).contains(itemOf(mine)).doesNotContain(itemOf(theirs));
        assertThat(get("/api/items?q=theirs").json().get("items")).as("search too").isEmpty();
        // Another library's objects answer exactly as what does not exist.
        for (String path : List.of("/api/items/" + itemOf(theirs), "/api/files/" + fileOf(theirs), "/api/files/" + fileOf(theirs) + "/content",
                "/api/files/" + fileOf(theirs) + "/thumbnail", "/api/libraries/" + theirs.getId())) {
            Answer answer = get(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.detail()).as(path).doesNotContain("theirs");
        }
        assertThat(get("/api/items/" + itemOf(mine)).status()).isEqualTo(200);
        assertThat(get("/api/files/" + fileOf(mine) + "/content").status()).isEqualTo(200);
        // A bulk change naming another library's item changes nothing; by filter it reaches only the user's items.
        long tag = post("/api/tags", "{\"name\": \"" + unique("seen") + "\"}").json().get("id").asLong();
        assertThat(post("/api/items/bulk", "{\"items\": [" + itemOf(mine) + ", " + itemOf(theirs) + "], \"addTags\": [" + tag + "]}").status())
                .isEqualTo(404);
        assertThat(jdbc().queryForObject("SELECT count(*) FROM item_tags WHERE tag_id = ?", Integer.class, tag)).isZero();
        assertThat(post("/api/items/bulk", "{\"filter\": {}, \"addTags\": [" + tag + "]}").json().get("items").asInt()).isEqualTo(1);
        assertThat(jdbc().queryForList("SELECT item_id FROM item_tags WHERE tag_id = ?", Long.class, tag)).containsExactly(itemOf(mine));
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/libraries/" + theirs.getId() + "/uploads?name=x.txt"))
                .PUT(HttpRequest.BodyPublishers.ofString("x"))).status()).as("no upload into another library").isEqualTo(404);
        // Admins' paths: 403 for a user.
        assertThat(post("/api/libraries", "{\"name\": \"x\", \"rootPath\": \"/tmp\"}").status()).isEqualTo(403);
        assertThat(post("/api/libraries/" + mine.getId() + "/scan").status()).isEqualTo(403);
        assertThat(get("/api/settings").status()).isEqualTo(403);
        assertThat(post("/api/duplicates/find").status()).isEqualTo(403);

        // A duplicate group with a copy in another library is not the user's to keep whole (nor to learn about).
        Library twin = library("twin-mine", "same.txt");
        Library twinElsewhere = library("twin-theirs", "same.txt");
        Files.writeString(Path.of(bean(LibraryService.class).get(twinElsewhere.getId()).getRootPath()).resolve("same.txt"), "notes of twin-mine");
        bean(ScanService.class).scan(bean(LibraryService.class).get(twinElsewhere.getId()), false, ScanProgress.NONE);
        bean(LibraryAccess.class).grant(memberId, twin.getId());
        bean(org.archivist.dedup.DuplicateDetection.class).findExact(2, line -> { });
        assertThat(jdbc().queryForObject("SELECT count(*) FROM duplicates WHERE match_type = 'exact' AND (file_id = ? OR duplicate_of_id = ?)",
                Integer.class, fileOf(twin), fileOf(twin))).as("the two libraries' copies are one group").isEqualTo(1);
        assertThat(post("/api/duplicates/" + fileOf(twin) + "/keep-all?matchType=exact").status()).isEqualTo(404);
        assertThat(jdbc().queryForObject("SELECT count(*) FROM duplicates WHERE match_type = 'exact' AND (file_id = ? OR duplicate_of_id = ?)",
                Integer.class, fileOf(twin), fileOf(twin))).as("the group is left as it was").isEqualTo(1);
        // With a second copy of their own the user sees the group, named by one of the files they see (never another library's id).
        Files.writeString(Path.of(bean(LibraryService.class).get(twin.getId()).getRootPath()).resolve("same again.txt"), "notes of twin-mine");
        bean(ScanService.class).scan(bean(LibraryService.class).get(twin.getId()), false, ScanProgress.NONE);
        bean(org.archivist.dedup.DuplicateDetection.class).findExact(2, line -> { });
        JsonNode groups = get("/api/duplicates").json();
        assertThat(groups).as("the user's two copies are a group").isNotEmpty();
        long elsewhere = fileOf(twinElsewhere);
        for (JsonNode group : groups) {
            List<Long> members = group.get("members").valueStream().map(m -> m.get("fileId").asLong()).toList();
            assertThat(members).doesNotContain(elsewhere).contains(group.get("originalId").asLong());
        }

        // A read token reads, and writes nothing.
        apiKey = reader;
        assertThat(get("/api/items/" + itemOf(mine)).status()).isEqualTo(200);
        assertThat(post("/api/items/bulk", "{\"filter\": {}, \"removeTags\": [" + tag + "]}").status()).isEqualTo(403);
        assertThat(jdbc().queryForObject("SELECT count(*) FROM item_tags WHERE tag_id = ?", Integer.class, tag)).isEqualTo(1);

        // No token, an unknown one, a revoked one, a disabled owner's: 401, at once.
        apiKey = null;
        assertThat(get("/api/items").status()).isEqualTo(401);
        apiKey = "arch_" + "x".repeat(43);
        assertThat(get("/api/items").status()).isEqualTo(401);
        long readerId = bean(ApiTokenService.class).list(memberId).stream().filter(t -> t.name().equals("read only")).findFirst().orElseThrow().id();
        bean(ApiTokenService.class).revoke(memberId, readerId);
        apiKey = reader;
        assertThat(get("/api/items").status()).isEqualTo(401);
        apiKey = member;
        bean(UserService.class).setActive(memberId, false);
        assertThat(get("/api/items").status()).isEqualTo(401);
        bean(UserService.class).setActive(memberId, true);
        assertThat(get("/api/items").status()).isEqualTo(200);
        // Granted another library: seen at the next request.
        bean(LibraryAccess.class).grant(memberId, theirs.getId());
        assertThat(get("/api/items/" + itemOf(theirs)).status()).isEqualTo(200);
        apiKey = admin;
        // Tokens are stored as their SHA-256 only.
        assertThat(jdbc().queryForObject("SELECT count(*) FROM api_tokens WHERE token_hash = ?", Integer.class, member)).isZero();
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Test
    void theBrowsersSignInNeedsCsrfOnEveryChangeAndFailuresAreLimited() throws Exception {
        String email = unique("browser") + "@example.org";
        tokenOf(server, email, Role.ADMIN, ApiTokenService.Scope.READ);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = CSRF.matcher(login.body());
        assertThat(token.find()).as("the sign-in form carries a CSRF token").isTrue();
        // Without the token the sign-in itself is refused.
        assertThat(form(browser, "/login", "email=" + email + "&password=a+long+test+passphrase").statusCode()).isEqualTo(403);
        HttpResponse<String> signedIn = form(browser, "/login", "email=" + email + "&password=a+long+test+passphrase&_csrf=" + token.group(1));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/");
        String cookie = signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax");
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(base + "/collections")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher pageToken = CSRF.matcher(page.body());
        assertThat(pageToken.find()).isTrue();
        String name = unique("csrf");
        assertThat(form(browser, "/collections", "name=" + name).statusCode()).as("a change without the token").isEqualTo(403);
        assertThat(form(browser, "/collections", "name=" + name + "&_csrf=" + pageToken.group(1) + "x").statusCode()).as("a wrong token").isEqualTo(403);
        assertThat(form(browser, "/collections", "name=" + name + "&_csrf=" + pageToken.group(1)).statusCode()).isEqualTo(302);
        // A tampered session cookie is no session.
        HttpResponse<String> tampered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/collections"))
                .header("Accept", "text/html").header("Cookie", "SESSION=" + "A".repeat(48)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tampered.statusCode()).isEqualTo(302);
        assertThat(tampered.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        HttpResponse<String> garbage = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/items"))
                .header("Cookie", "SESSION=AAAA%00AAAA; SESSION=" + "%".repeat(300)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(garbage.statusCode()).as("a hostile cookie is no session, not an error").isEqualTo(401);

        // The session keeps who signed in, not what they may do: a demotion counts at the next request, a disabling ends the session.
        long userId = bean(UserService.class).get(email).getId();
        assertThat(browser.send(HttpRequest.newBuilder(URI.create(base + "/users")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        bean(UserService.class).setRole(userId, Role.USER);
        assertThat(browser.send(HttpRequest.newBuilder(URI.create(base + "/users")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("demoted: no longer an admin").isEqualTo(403);
        bean(UserService.class).setActive(userId, false);
        HttpResponse<String> disabled = browser.send(HttpRequest.newBuilder(URI.create(base + "/collections")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(disabled.statusCode()).as("disabled: signed out").isEqualTo(302);
        assertThat(disabled.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        bean(UserService.class).setActive(userId, true);

        // Ten failures, then the eleventh waits (before any password is checked); the message never says which part was wrong.
        HttpClient stranger = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        for (int attempt = 1; attempt <= 11; attempt++) {
            Matcher fresh = CSRF.matcher(stranger.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(fresh.find()).isTrue();
            HttpResponse<String> failed = form(stranger, "/login", "email=" + email + "&password=wrong+passphrase&_csrf=" + fresh.group(1));
            assertThat(failed.headers().firstValue("Location").orElseThrow()).as("attempt " + attempt)
                    .contains(attempt <= 10 ? "/login?error" : "/login?wait=");
        }
    }

    @Test
    void oversizedCredentialsAreRefusedAsWrongOnesWithoutAnError() throws Exception {
        String email = unique("long") + "@example.org";
        // A passphrase of 128 characters is allowed; in a script of several bytes a character it is over BCrypt's 72 bytes, and still works.
        String longest = "ü".repeat(128);
        bean(UserService.class).register(new org.archivist.accounts.UserSchemas.Create(email, longest, null, null, Role.USER));
        assertThat(signIn(email, java.net.URLEncoder.encode(longest, StandardCharsets.UTF_8))).endsWith("/");
        assertThat(signIn(email, java.net.URLEncoder.encode("ü".repeat(127) + "x", StandardCharsets.UTF_8)))
                .as("past 72 bytes, the rest of the passphrase still counts").contains("/login?error");
        assertThat(signIn(email, "x".repeat(200_000))).as("a huge password").contains("/login?error");
        assertThat(signIn("x".repeat(100_000) + "@example.org", "a+long+test+passphrase")).as("a huge e-mail").contains("/login?error");
        String saved = apiKey;
        apiKey = "arch_" + "x".repeat(7_000);
        assertThat(get("/api/items").status()).as("a long token").isEqualTo(401);
        apiKey = "arch_" + "x".repeat(60_000);
        assertThat(get("/api/items").status()).as("a header over the server's limit").isIn(400, 431);
        apiKey = saved;
    }

    private String signIn(String email, String encodedPassword) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        Matcher token = CSRF.matcher(browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(token.find()).isTrue();
        HttpResponse<String> answer = form(browser, "/login", "email=" + email + "&password=" + encodedPassword + "&_csrf=" + token.group(1));
        assertThat(answer.statusCode()).isEqualTo(302);
        return answer.headers().firstValue("Location").orElseThrow();
    }

    private HttpResponse<String> form(HttpClient client, String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
