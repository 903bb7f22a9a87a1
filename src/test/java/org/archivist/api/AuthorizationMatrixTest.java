package org.archivist.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.archivist.api.AuthorizationMatrixTest.Access.ADMIN;
import static org.archivist.api.AuthorizationMatrixTest.Access.LIBRARY;
import static org.archivist.api.AuthorizationMatrixTest.Access.PUBLIC;
import static org.archivist.api.AuthorizationMatrixTest.Access.SIGNED_IN;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.archivist.accounts.ApiTokenService;
import org.archivist.accounts.LibraryAccess;
import org.archivist.accounts.Role;
import org.archivist.accounts.UserService;
import org.archivist.catalog.CollectionSchemas;
import org.archivist.catalog.CollectionService;
import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.scan.ScanProgress;
import org.archivist.scan.ScanService;
import org.archivist.testing.ApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every HTTP endpoint of the running server, read from its handler mappings, against a rule in
 * {@link #RULES}: a new endpoint without a rule fails this test. Each is called as anonymous, as a
 * read-only token, as a user without the library, as a user with it, and as an admin:
 * anonymous gets 401 (a page: the sign-in page); a read token writes nothing (403); what is an
 * admin's answers 403 to users; what belongs to a library answers 404 to a user without it, the
 * same as for what does not exist, and is let through (neither 401, 403 nor 404) for one with it.
 */
class AuthorizationMatrixTest extends ApiTest {

    enum Access { PUBLIC, SIGNED_IN, LIBRARY, ADMIN }

    /** How to call an endpoint: its rule, query parameters (forms too) and a JSON body. */
    record Rule(Access access, String query, String body) {
    }

    private static Rule rule(Access access) {
        return new Rule(access, "", null);
    }

    private static Rule rule(Access access, String query) {
        return new Rule(access, query, null);
    }

    private static Rule json(Access access, String body) {
        return new Rule(access, "", body);
    }

    /** Every endpoint's rule. {item}, {file}, {other}, {library}, {tag} in a query or body are the ids of the library under test. */
    static final Map<String, Rule> RULES = Map.ofEntries(
            // Pages
            Map.entry("GET /", rule(SIGNED_IN)), Map.entry("GET /timeline/more", rule(SIGNED_IN)),
            Map.entry("GET /login", rule(PUBLIC)), Map.entry("GET /setup", rule(PUBLIC)), Map.entry("POST /setup", rule(PUBLIC, "email=x&password=y")),
            Map.entry("GET /account", rule(SIGNED_IN)), Map.entry("POST /account/password", rule(SIGNED_IN, "currentPassword=a&newPassword=b")),
            Map.entry("POST /account/tokens", rule(SIGNED_IN, "name=matrix&scope=read")), Map.entry("POST /account/tokens/{id}/revoke", rule(SIGNED_IN)),
            Map.entry("GET /users", rule(ADMIN)), Map.entry("POST /users", rule(ADMIN, "email=x&password=y")), Map.entry("POST /users/{id}", rule(ADMIN)),
            Map.entry("GET /items/{id}", rule(LIBRARY)), Map.entry("POST /items/{id}/title", rule(LIBRARY, "title=t")),
            Map.entry("POST /items/{id}/tags", rule(LIBRARY, "name=matrix")), Map.entry("POST /items/{id}/tags/{tag}/remove", rule(LIBRARY)),
            Map.entry("POST /items/{id}/people", rule(LIBRARY, "name=Matrix&role=artist")),
            Map.entry("POST /items/{id}/people/{person}/{role}/remove", rule(LIBRARY)),
            Map.entry("POST /items/{id}/studio", rule(LIBRARY, "name=")), Map.entry("POST /items/{id}/isbn", rule(LIBRARY, "isbn=")), Map.entry("POST /items/{id}/collections", rule(LIBRARY, "collection={collection}")),
            Map.entry("POST /items/bulk", rule(SIGNED_IN, "items={item}&addTag=matrix")),
            Map.entry("GET /tags", rule(SIGNED_IN)), Map.entry("GET /collections", rule(SIGNED_IN)), Map.entry("POST /collections", rule(SIGNED_IN, "name=")),
            Map.entry("GET /collections/{id}", rule(SIGNED_IN)), Map.entry("POST /collections/{id}/items/{item}/move", rule(LIBRARY, "position=0")),
            Map.entry("POST /collections/{id}/items/{item}/remove", rule(LIBRARY)),
            Map.entry("GET /libraries", rule(SIGNED_IN)), Map.entry("POST /libraries", rule(ADMIN, "name=&rootPath=")),
            Map.entry("POST /libraries/{id}/scan", rule(ADMIN)),
            Map.entry("GET /jobs", rule(SIGNED_IN)), Map.entry("POST /jobs/{id}/cancel", rule(ADMIN)),
            Map.entry("GET /duplicates", rule(SIGNED_IN)), Map.entry("POST /duplicates/{file}/keep", rule(LIBRARY)),
            Map.entry("POST /duplicates/{file}/discard", rule(LIBRARY)), Map.entry("POST /duplicates/{original}/keep-all", rule(LIBRARY, "match=exact")),
            Map.entry("POST /duplicates/{file}/not-duplicate", rule(LIBRARY, "other={other}")),
            Map.entry("POST /files/{id}/date", rule(LIBRARY, "localTime=2020-01-02T03:04:05")), Map.entry("POST /files/{id}/date/undo", rule(LIBRARY)),
            Map.entry("GET /review/dates", rule(SIGNED_IN)),
            Map.entry("GET /trash", rule(SIGNED_IN)), Map.entry("GET /trash/apply", rule(ADMIN)), Map.entry("POST /trash/apply", rule(ADMIN)),
            Map.entry("POST /trash/restore", rule(SIGNED_IN, "trashPath=/nowhere")),
            // The API
            Map.entry("GET /api/items", rule(SIGNED_IN)), Map.entry("GET /api/items/{id}", rule(LIBRARY)), Map.entry("PATCH /api/items/{id}", json(LIBRARY, "{}")),
            Map.entry("POST /api/items/bulk", json(SIGNED_IN, "{\"items\": [{item}], \"addTags\": [{tag}]}")),
            Map.entry("GET /api/items/{id}/locks", rule(LIBRARY)), Map.entry("PUT /api/items/{id}/locks/{field}", rule(LIBRARY)),
            Map.entry("DELETE /api/items/{id}/locks/{field}", rule(LIBRARY)),
            Map.entry("GET /plans", rule(ADMIN)), Map.entry("POST /plans/analyze", rule(ADMIN, "rules=genre_tags")),
            Map.entry("GET /plans/{id}", rule(ADMIN)), Map.entry("POST /plans/{id}/decide", rule(ADMIN, "accepted=true")),
            Map.entry("POST /plans/{id}/apply", rule(ADMIN)), Map.entry("POST /plans/{id}/undo", rule(ADMIN)), Map.entry("POST /plans/{id}/cancel", rule(ADMIN)),
            Map.entry("POST /items/{id}/locks/{field}/unlock", rule(LIBRARY)),
            Map.entry("GET /schedules", rule(ADMIN)), Map.entry("POST /schedules/{name}", rule(ADMIN, "schedule=0+3+*+*+*")),
            Map.entry("POST /schedules/{name}/enabled", rule(ADMIN, "enabled=true")), Map.entry("POST /schedules/{name}/run", rule(ADMIN)),
            Map.entry("GET /api/schedules", rule(ADMIN)), Map.entry("GET /api/schedules/{name}", rule(ADMIN)),
            Map.entry("PATCH /api/schedules/{name}", json(ADMIN, "{}")), Map.entry("POST /api/schedules/{name}/run", rule(ADMIN)),
            Map.entry("GET /api/stash", rule(ADMIN)), Map.entry("PUT /api/stash", json(ADMIN, "{\"url\": \"not a url\"}")),
            Map.entry("POST /api/stash/import", rule(ADMIN)), Map.entry("GET /api/stash/push/{planId}", rule(ADMIN)),
            Map.entry("POST /api/stash/push/{planId}", rule(ADMIN)),
            Map.entry("GET /organize", rule(ADMIN)), Map.entry("POST /organize/libraries/{id}/settings", rule(ADMIN, "mode=move")),
            Map.entry("POST /organize/libraries/{id}/preview", rule(ADMIN)), Map.entry("POST /organize/libraries/{id}/sidecars", rule(ADMIN)),
            Map.entry("GET /organize/runs/{id}", rule(ADMIN)), Map.entry("POST /organize/runs/{id}/apply", rule(ADMIN)),
            Map.entry("POST /organize/runs/{id}/undo", rule(ADMIN)),
            Map.entry("GET /api/organize/libraries/{id}/settings", rule(ADMIN)), Map.entry("PUT /api/organize/libraries/{id}/settings", json(ADMIN, "{}")),
            Map.entry("GET /api/organize/libraries/{id}/runs", rule(ADMIN)), Map.entry("POST /api/organize/libraries/{id}/preview", rule(ADMIN)),
            Map.entry("POST /api/organize/libraries/{id}/sidecars", rule(ADMIN)), Map.entry("GET /api/organize/runs/{id}", rule(ADMIN)),
            Map.entry("GET /api/organize/runs/{id}/moves", rule(ADMIN)), Map.entry("POST /api/organize/runs/{id}/apply", rule(ADMIN)),
            Map.entry("POST /api/organize/runs/{id}/undo", rule(ADMIN)),
            Map.entry("GET /api/plans", rule(ADMIN)), Map.entry("POST /api/plans/analyze", json(ADMIN, "{\"rules\": {\"genre_tags\": {}}}")),
            Map.entry("GET /api/plans/{id}", rule(ADMIN)), Map.entry("GET /api/plans/{id}/changes", rule(ADMIN)),
            Map.entry("POST /api/plans/{id}/accept", json(ADMIN, "{}")), Map.entry("POST /api/plans/{id}/reject", json(ADMIN, "{}")),
            Map.entry("POST /api/plans/{id}/apply", rule(ADMIN)), Map.entry("POST /api/plans/{id}/undo", rule(ADMIN)),
            Map.entry("POST /api/plans/{id}/cancel", rule(ADMIN)),
            Map.entry("GET /api/files/{id}", rule(LIBRARY)), Map.entry("GET /api/files/{id}/content", rule(LIBRARY)),
            Map.entry("GET /api/files/{id}/thumbnail", rule(LIBRARY)),
            Map.entry("PUT /api/files/{id}/capture-date", json(LIBRARY, "{\"localTime\": \"2020-01-02T03:04:05\"}")),
            Map.entry("DELETE /api/files/{id}/capture-date", rule(LIBRARY)), Map.entry("GET /api/review/dates", rule(SIGNED_IN)),
            Map.entry("GET /api/libraries", rule(SIGNED_IN)), Map.entry("GET /api/libraries/{id}", rule(LIBRARY)),
            Map.entry("POST /api/libraries", json(ADMIN, "{}")), Map.entry("PATCH /api/libraries/{id}", json(ADMIN, "{}")),
            Map.entry("DELETE /api/libraries/{id}", rule(ADMIN)), Map.entry("POST /api/libraries/{id}/scan", rule(ADMIN)),
            Map.entry("PUT /api/libraries/{id}/uploads", new Rule(LIBRARY, "name=matrix.txt", "matrix")),
            Map.entry("GET /api/tags", rule(SIGNED_IN)), Map.entry("GET /api/tags/{id}", rule(SIGNED_IN)), Map.entry("POST /api/tags", json(SIGNED_IN, "{}")),
            Map.entry("PATCH /api/tags/{id}", json(SIGNED_IN, "{}")), Map.entry("DELETE /api/tags/{id}", rule(SIGNED_IN)),
            Map.entry("GET /api/people", rule(SIGNED_IN)), Map.entry("GET /api/people/{id}", rule(SIGNED_IN)), Map.entry("POST /api/people", json(SIGNED_IN, "{}")),
            Map.entry("PATCH /api/people/{id}", json(SIGNED_IN, "{}")), Map.entry("DELETE /api/people/{id}", rule(SIGNED_IN)),
            Map.entry("GET /api/studios", rule(SIGNED_IN)), Map.entry("GET /api/studios/{id}", rule(SIGNED_IN)), Map.entry("POST /api/studios", json(SIGNED_IN, "{}")),
            Map.entry("PATCH /api/studios/{id}", json(SIGNED_IN, "{}")), Map.entry("DELETE /api/studios/{id}", rule(SIGNED_IN)),
            Map.entry("GET /api/collections", rule(SIGNED_IN)), Map.entry("GET /api/collections/{id}", rule(SIGNED_IN)),
            Map.entry("POST /api/collections", json(SIGNED_IN, "{}")), Map.entry("PATCH /api/collections/{id}", json(SIGNED_IN, "{}")),
            Map.entry("DELETE /api/collections/{id}", rule(SIGNED_IN)),
            Map.entry("POST /api/collections/{id}/items", json(LIBRARY, "{\"itemId\": {item}}")),
            Map.entry("PUT /api/collections/{id}/items/{itemId}/position", json(LIBRARY, "{\"position\": 0}")),
            Map.entry("DELETE /api/collections/{id}/items/{itemId}", rule(LIBRARY)),
            Map.entry("GET /api/duplicates", rule(SIGNED_IN)), Map.entry("POST /api/duplicates/find", rule(ADMIN)),
            Map.entry("POST /api/duplicates/{fileId}/keep", rule(LIBRARY)), Map.entry("POST /api/duplicates/{fileId}/discard", rule(LIBRARY)),
            Map.entry("POST /api/duplicates/{fileId}/keep-all", rule(LIBRARY, "matchType=exact")),
            Map.entry("POST /api/duplicates/{fileId}/distinct/{otherFileId}", rule(LIBRARY)),
            Map.entry("GET /api/jobs", rule(SIGNED_IN)), Map.entry("GET /api/jobs/{id}", rule(LIBRARY)), Map.entry("GET /api/jobs/{id}/events", rule(LIBRARY)),
            Map.entry("POST /api/jobs/{id}/cancel", rule(ADMIN)), Map.entry("POST /api/jobs/{id}/retry", rule(ADMIN)),
            Map.entry("GET /api/settings", rule(ADMIN)), Map.entry("PUT /api/settings/{key}", json(ADMIN, "{}")),
            Map.entry("GET /api/users", rule(ADMIN)), Map.entry("GET /api/users/{id}", rule(ADMIN)), Map.entry("POST /api/users", json(ADMIN, "{}")),
            Map.entry("PATCH /api/users/{id}", json(ADMIN, "{}")),
            Map.entry("GET /api/me", rule(SIGNED_IN)), Map.entry("PUT /api/me/password", json(SIGNED_IN, "{}")),
            Map.entry("GET /api/me/tokens", rule(SIGNED_IN)), Map.entry("POST /api/me/tokens", json(SIGNED_IN, "{}")),
            Map.entry("DELETE /api/me/tokens/{id}", rule(SIGNED_IN)),
            Map.entry("GET /api/items/{id}/reviews", rule(LIBRARY)), Map.entry("PUT /api/items/{id}/review", json(LIBRARY, "{\"rating\": 4}")),
            Map.entry("DELETE /api/items/{id}/review", rule(LIBRARY)), Map.entry("PUT /api/items/{id}/favorite", rule(LIBRARY)),
            Map.entry("DELETE /api/items/{id}/favorite", rule(LIBRARY)), Map.entry("POST /items/{id}/review", rule(LIBRARY, "rating=4")),
            Map.entry("POST /items/{id}/review/delete", rule(LIBRARY)), Map.entry("POST /items/{id}/favorite", rule(LIBRARY)),
            Map.entry("POST /api/books", json(ADMIN, "{}")), Map.entry("GET /api/books", rule(SIGNED_IN, "isbn=9780306406157")),
            Map.entry("POST /api/books/{id}/files/{fileId}", rule(ADMIN)));

    /** Framework endpoints that are not ours to rule (the OpenAPI page is served by springdoc behind the same sign-in). */
    private static final Set<String> FRAMEWORK = Set.of("/error", "/api/openapi.json", "/api/openapi.json/swagger-config", "/api/openapi.json.yaml",
            "/api/docs", "/swagger-ui.html");

    @TempDir
    Path temp;

    /** The ids of one library's objects, to put into paths and bodies. */
    private record Objects(long library, long item, long file, long other, long job) {
    }

    private Objects objects(String name) throws Exception {
        Path root = Files.createDirectories(temp.resolve(name));
        // Two identical files: a duplicate group to decide about.
        Files.writeString(root.resolve("a.txt"), "the words of " + name);
        Files.writeString(root.resolve("b.txt"), "the words of " + name);
        Library library = bean(LibraryService.class).add(unique(name), root, Set.of(), List.of());
        bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE);
        List<Long> files = jdbc().queryForList("SELECT id FROM files WHERE library_id = ? ORDER BY id", Long.class, library.getId());
        long item = jdbc().queryForObject("SELECT item_id FROM files WHERE id = ?", Long.class, files.get(0));
        long job = jdbc().query("SELECT id, params FROM jobs WHERE type = 'scan' ORDER BY id DESC", (rows, n) -> new Object[] {rows.getLong(1),
                rows.getString(2)}).stream().filter(r -> ((String) r[1]).replace(" ", "").contains("\"libraryId\":" + library.getId()))
                .map(r -> (Long) r[0]).findFirst().orElseThrow();
        return new Objects(library.getId(), item, files.get(0), files.get(1), job);
    }

    @Test
    void everyEndpointAnswersEachKindOfCallerAsItsRuleSays() throws Exception {
        // The endpoints the running server has, each with its rule: none without one, none ruled that is gone.
        Map<String, RequestMappingInfo> endpoints = new TreeMap<>();
        RequestMappingHandlerMapping mapping = server.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        for (Map.Entry<RequestMappingInfo, HandlerMethod> handler : mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = handler.getKey();
            if (!handler.getValue().getBeanType().getPackageName().startsWith("org.archivist")) continue;
            Set<String> methods = new TreeSet<>();
            info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
            if (methods.isEmpty()) methods.add("GET");
            for (String pattern : info.getPatternValues()) {
                if (FRAMEWORK.contains(pattern)) continue;
                for (String method : methods) endpoints.put(method + " " + pattern, info);
            }
        }
        assertThat(new TreeSet<>(RULES.keySet())).as("every endpoint has exactly one rule here").isEqualTo(endpoints.keySet());

        Objects mine = objects("mine");
        Objects theirs = objects("theirs");
        bean(org.archivist.dedup.DuplicateDetection.class).findExact(2, line -> { });
        long collection = bean(CollectionService.class).create(new CollectionSchemas.Create(unique("matrix"), null)).id();
        bean(CollectionService.class).append(collection, List.of(mine.item(), theirs.item()));
        long tag = post("/api/tags", "{\"name\": \"" + unique("matrix") + "\"}").json().get("id").asLong();
        long person = post("/api/people", "{\"name\": \"" + unique("Matrix") + "\"}").json().get("id").asLong();
        String admin = apiKey;
        String memberEmail = unique("member") + "@example.org";
        String member = tokenOf(server, memberEmail, Role.USER, ApiTokenService.Scope.READ_WRITE);
        long memberId = bean(UserService.class).get(memberEmail).getId();
        bean(LibraryAccess.class).grant(memberId, mine.library());
        String reader = bean(ApiTokenService.class).create(memberId, "reader", ApiTokenService.Scope.READ).token();
        String nobody = tokenOf(server, unique("nobody") + "@example.org", Role.USER, ApiTokenService.Scope.READ_WRITE);
        Map<String, Long> shared = Map.of("collection", collection, "tag", tag, "person", person, "user", memberId);
        // What destructive calls get: ids that are not there (the rule's access is still what is checked, and nothing is lost).
        Objects none = new Objects(999_999_999L, 999_999_999L, 999_999_999L, 999_999_998L, 999_999_999L);
        Map<String, Long> sharedNone = Map.of("collection", 999_999_999L, "tag", 999_999_999L, "person", 999_999_999L, "user", 999_999_999L);

        List<String> wrong = new ArrayList<>();
        // A fixed order (Map.ofEntries has none): the copy is discarded before "not duplicates" takes the pair apart.
        List<String> ordered = RULES.keySet().stream()
                .sorted(java.util.Comparator.comparing((String e) -> !e.contains("/discard")).thenComparing(java.util.Comparator.naturalOrder())).toList();
        for (String endpoint : ordered) {
            Rule rule = RULES.get(endpoint);
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String pattern = endpoint.substring(endpoint.indexOf(' ') + 1);
            boolean page = !pattern.startsWith("/api/");
            // Calls that would take away what the others need (the group, the collection's item) are not made for real.
            boolean destructive = method.equals("DELETE") || pattern.endsWith("/scan") || pattern.equals("/trash/apply") || pattern.endsWith("/remove")
                    || pattern.endsWith("/keep-all") || pattern.endsWith("/undo");

            // Anonymous: the API says 401, a page sends to the sign-in page.
            apiKey = null;
            int anonymous = call(method, fill(pattern, rule, theirs, shared), rule, page);
            if (rule.access() != PUBLIC && anonymous != (page ? 302 : 401)) wrong.add(endpoint + " anonymous: " + anonymous);
            if (rule.access() == PUBLIC) continue;

            // A read token only reads.
            apiKey = reader;
            int read = call(method, fill(pattern, rule, mine, shared), rule, page);
            if (!method.equals("GET") && read != 403) wrong.add(endpoint + " read token: " + read);
            if (method.equals("GET") && rule.access() != ADMIN && (read == 401 || read == 403)) wrong.add(endpoint + " read token reading: " + read);

            // A user without the library: an admin's endpoint is forbidden, a library's object does not exist.
            apiKey = nobody;
            int stranger = call(method, destructive ? fill(pattern, rule, none, sharedNone) : fill(pattern, rule, theirs, shared), rule, page);
            if (rule.access() == ADMIN && stranger != 403) wrong.add(endpoint + " user: " + stranger + " (admins only)");
            if (rule.access() == LIBRARY && stranger != 404) wrong.add(endpoint + " user without the library: " + stranger);
            if (rule.access() == SIGNED_IN && (stranger == 401 || stranger == 403)) wrong.add(endpoint + " signed-in user: " + stranger);

            // A user with the library is let through to what they may do.
            apiKey = member;
            if (rule.access() == LIBRARY && !destructive) {
                int own = call(method, fill(pattern, rule, mine, shared), rule, page);
                if (own == 401 || own == 403 || own == 404) wrong.add(endpoint + " user with the library: " + own + " " + last);
            }
        }
        // Admins last (they may change what the others were shown): nothing is forbidden; destructive ones get an id that is not there.
        apiKey = admin;
        for (String endpoint : ordered) {
            Rule rule = RULES.get(endpoint);
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String pattern = endpoint.substring(endpoint.indexOf(' ') + 1);
            boolean destructive = method.equals("DELETE") || pattern.endsWith("/scan") || pattern.equals("/trash/apply") || pattern.startsWith("/users/")
                    || pattern.startsWith("/api/users/");
            int status = call(method, destructive ? fill(pattern, rule, none, sharedNone) : fill(pattern, rule, theirs, shared), rule,
                    !pattern.startsWith("/api/"));
            // Let through, and answered: a server error is never an answer, whoever asks.
            if (status == 401 || status == 403 || status >= 500) wrong.add(endpoint + " admin: " + status + (status >= 500 ? " " + last : ""));
        }
        assertThat(wrong).as("answers that break the rules").isEmpty();
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z]+)}");

    /** A call made: its path with the query, and its body. */
    private record Call(String path, String body) {
    }

    /** The path with its variables (and the rule's query and body) filled with the ids of one library's objects. */
    private static Call fill(String pattern, Rule rule, Objects objects, Map<String, Long> shared) {
        String path = pattern;
        Matcher variables = VARIABLE.matcher(pattern);
        StringBuilder filled = new StringBuilder();
        while (variables.find()) {
            String name = variables.group(1);
            String value = switch (name) {
                case "item", "itemId" -> String.valueOf(objects.item());
                // A copy is discarded in favour of its group's original.
                case "file", "fileId", "original" -> String.valueOf(pattern.endsWith("/discard") ? objects.other() : objects.file());
                case "otherFileId", "other" -> String.valueOf(objects.other());
                case "tag" -> String.valueOf(shared.get("tag"));
                case "person" -> String.valueOf(shared.get("person"));
                case "role" -> "artist";
                case "key" -> "upload.folder";
                case "field" -> "title";
                case "name" -> "no-such-task";
                case "planId" -> "999999999";
                default -> String.valueOf(idFor(pattern, objects, shared));
            };
            variables.appendReplacement(filled, value);
        }
        variables.appendTail(filled);
        path = filled.toString();
        String query = rule.query().replace("{item}", String.valueOf(objects.item())).replace("{other}", String.valueOf(objects.other()))
                .replace("{collection}", String.valueOf(shared.get("collection")));
        String body = rule.body() == null ? null : rule.body().replace("{item}", String.valueOf(objects.item()))
                .replace("{tag}", String.valueOf(shared.get("tag")));
        return new Call(query.isEmpty() ? path : path + "?" + query, body);
    }

    /** What {id} names, by the path it is in. */
    private static long idFor(String pattern, Objects objects, Map<String, Long> shared) {
        if (pattern.matches("/(api/)?items/.*")) return objects.item();
        if (pattern.matches("/(api/)?files/.*")) return objects.file();
        if (pattern.matches("/(api/)?libraries/.*")) return objects.library();
        if (pattern.matches("/(api/)?jobs/.*")) return objects.job();
        if (pattern.matches("/(api/)?collections/.*")) return shared.get("collection");
        if (pattern.startsWith("/api/tags/")) return shared.get("tag");
        if (pattern.startsWith("/api/people/")) return shared.get("person");
        if (pattern.matches("/(api/)?users/.*")) return shared.get("user");
        return 999_999_999L; // a token that is not there, a studio: the rule's access is all that is checked
    }

    private int call(String method, Call call, Rule rule, boolean page) {
        String body = call.body();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + call.path())).timeout(Duration.ofSeconds(20));
        if (page) request.header("Accept", "text/html");
        if (body != null && body.startsWith("{")) request.header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        Answer answer = send(request);
        last = answer.body().length() > 200 ? answer.body().substring(0, 200) : answer.body();
        return answer.status();
    }

    private String last = "";
}
