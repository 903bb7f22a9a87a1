package org.archivist.stash;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.Coercing;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Stash server for tests: a real HTTP server answering {@code POST /graphql} with graphql-java
 * over the part of Stash's schema Archivist uses (test resource stash/schema.graphql), holding
 * generated scenes. It checks the {@code ApiKey} header, pages and filters by {@code updated_at} as
 * Stash does, and can be made to fail in each way a real server does: slow, malformed JSON, GraphQL
 * errors, or gone.
 */
final class FakeStash implements AutoCloseable {

    enum Mode { NORMAL, SLOW, MALFORMED, GRAPHQL_ERRORS }

    static final String KEY = "stash-test-key-0123456789";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A scene as the server holds it: maps with Stash's field names. */
    final List<Map<String, Object>> scenes = new CopyOnWriteArrayList<>();
    /** Performers, tags and studios the server holds besides those its scenes name. */
    final List<Map<String, Object>> performers = new CopyOnWriteArrayList<>();
    final List<Map<String, Object>> tags = new CopyOnWriteArrayList<>();
    final List<Map<String, Object>> studios = new CopyOnWriteArrayList<>();
    volatile Mode mode = Mode.NORMAL;
    volatile int requests;
    /** Requests answered before the server starts answering 503 (as a Stash going away halfway does). */
    volatile int answeredBeforeFailing = Integer.MAX_VALUE;
    private final HttpServer server;
    private final GraphQL graphql;

    FakeStash() throws IOException {
        String sdl;
        try (InputStream in = FakeStash.class.getResourceAsStream("/stash/schema.graphql")) {
            sdl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .scalar(passThrough("Time"))
                .scalar(passThrough("Int64"))
                .type("Query", type -> type.dataFetcher("findScenes", environment -> findScenes(environment.getArgument("filter"),
                        environment.getArgument("scene_filter"), environment.getArgument("scene_ids")))
                        .dataFetcher("findPerformers", environment -> find(named("performers", performers), environment.getArgument("filter"),
                                environment.getArgument("performer_filter"), "performers"))
                        .dataFetcher("findTags", environment -> find(named("tags", tags), environment.getArgument("filter"),
                                environment.getArgument("tag_filter"), "tags"))
                        .dataFetcher("findStudios", environment -> find(named("studio", studios), environment.getArgument("filter"),
                                environment.getArgument("studio_filter"), "studios")))
                .type("Mutation", type -> type
                        .dataFetcher("sceneUpdate", environment -> sceneUpdate(environment.getArgument("input")))
                        .dataFetcher("bulkSceneUpdate", environment -> bulkSceneUpdate(environment.getArgument("input"))))
                .build();
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring);
        graphql = GraphQL.newGraphQL(schema).build();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/graphql", exchange -> {
            requests++;
            byte[] body;
            int status = 200;
            try (exchange) {
                if (!KEY.equals(exchange.getRequestHeaders().getFirst("ApiKey"))) {
                    status = 401;
                    body = "{\"message\": \"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
                } else if (requests > answeredBeforeFailing) {
                    status = 503;
                    body = "Service Unavailable".getBytes(StandardCharsets.UTF_8);
                } else if (mode == Mode.MALFORMED) {
                    body = "{\"data\": {\"findScenes\": [".getBytes(StandardCharsets.UTF_8);
                } else if (mode == Mode.GRAPHQL_ERRORS) {
                    body = "{\"errors\": [{\"message\": \"pq: database is locked\", \"path\": [\"findScenes\"]}], \"data\": null}".getBytes(StandardCharsets.UTF_8);
                } else {
                    if (mode == Mode.SLOW) Thread.sleep(5_000);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> request = JSON.readValue(exchange.getRequestBody(), Map.class);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> variables = request.get("variables") == null ? Map.of() : (Map<String, Object>) request.get("variables");
                    ExecutionResult result = graphql.execute(ExecutionInput.newExecutionInput().query((String) request.get("query")).variables(variables).build());
                    body = JSON.writeValueAsBytes(result.toSpecification());
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client gave up (a timeout): nothing to answer
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A scene: id, title, updated at, files as {path, oshash, phash}, a studio with a parent, tags, performers with aliases. */
    Map<String, Object> scene(String id, String title, Instant updatedAt, List<Map<String, Object>> files) {
        Map<String, Object> scene = new LinkedHashMap<>();
        scene.put("id", id);
        scene.put("title", title);
        scene.put("details", "Details of " + title);
        scene.put("date", "2021-06-0" + (1 + Math.abs(id.hashCode()) % 9));
        scene.put("rating100", 80);
        scene.put("organized", false);
        scene.put("created_at", updatedAt.toString());
        scene.put("updated_at", updatedAt.toString());
        scene.put("files", files);
        scene.put("studio", Map.of("id", "st-1", "name", "Harbour Films", "aliases", List.of(), "updated_at", updatedAt.toString(),
                "parent_studio", Map.of("id", "st-0", "name", "Harbour Group", "aliases", List.of(), "updated_at", updatedAt.toString())));
        scene.put("tags", List.of(Map.of("id", "tg-1", "name", "Outdoor", "aliases", List.of(), "updated_at", updatedAt.toString())));
        scene.put("performers", List.of(Map.of("id", "pf-1", "name", "Ada Lovelace", "alias_list", List.of("Countess of Lovelace"), "updated_at", updatedAt.toString())));
        scenes.add(scene);
        return scene;
    }

    static Map<String, Object> file(String path, String oshash, String phash) {
        List<Map<String, Object>> fingerprints = new ArrayList<>();
        if (oshash != null) fingerprints.add(Map.of("type", "oshash", "value", oshash));
        if (phash != null) fingerprints.add(Map.of("type", "phash", "value", phash));
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("id", "f-" + path.hashCode());
        file.put("path", path);
        file.put("basename", path.substring(path.lastIndexOf('/') + 1));
        file.put("size", 1000L);
        file.put("mod_time", "2021-06-01T00:00:00Z");
        file.put("fingerprints", fingerprints);
        file.put("duration", 10.0);
        return file;
    }

    /** Every mutation received, as its input. */
    final List<Map<String, Object>> mutations = new CopyOnWriteArrayList<>();

    private Map<String, Object> byId(String id) {
        return scenes.stream().filter(s -> id.equals(s.get("id"))).findFirst().orElse(null);
    }

    private Map<String, Object> sceneUpdate(Map<String, Object> input) {
        mutations.add(input);
        Map<String, Object> scene = byId((String) input.get("id"));
        if (scene == null) return null;
        for (String field : List.of("title", "details", "date")) if (input.containsKey(field)) scene.put(field, input.get(field));
        // Whole lists: what the scene has from now on.
        if (input.get("tag_ids") instanceof List<?> ids) scene.put("tags", ids.stream().map(id -> named("tags", id)).toList());
        if (input.get("performer_ids") instanceof List<?> ids) scene.put("performers", ids.stream().map(id -> named("performers", id)).toList());
        scene.put("updated_at", Instant.now().toString());
        return scene;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> bulkSceneUpdate(Map<String, Object> input) {
        mutations.add(input);
        List<Map<String, Object>> changed = new ArrayList<>();
        for (Object id : (List<Object>) input.get("ids")) {
            Map<String, Object> scene = byId(String.valueOf(id));
            if (scene == null) continue;
            for (String field : List.of("title", "details", "date")) if (input.get(field) != null) scene.put(field, input.get(field));
            for (String field : List.of("tag_ids", "performer_ids")) {
                if (!(input.get(field) instanceof Map<?, ?> change)) continue;
                String listed = field.equals("tag_ids") ? "tags" : "performers";
                List<Map<String, Object>> now = new ArrayList<>((List<Map<String, Object>>) scene.get(listed));
                String mode = String.valueOf(change.get("mode"));
                if (mode.equals("SET")) now.clear();
                for (Object entry : (List<Object>) change.get("ids")) {
                    if (mode.equals("REMOVE")) now.removeIf(t -> entry.equals(t.get("id")));
                    else if (now.stream().noneMatch(t -> entry.equals(t.get("id")))) now.add(named(listed, entry));
                }
                scene.put(listed, now);
            }
            scene.put("updated_at", Instant.now().toString());
            changed.add(scene);
        }
        return changed;
    }

    private static Map<String, Object> named(String listed, Object id) {
        return listed.equals("tags") ? Map.of("id", id, "name", "tag " + id, "aliases", List.of(), "updated_at", Instant.now().toString())
                : Map.of("id", id, "name", "performer " + id, "alias_list", List.of(), "updated_at", Instant.now().toString());
    }

    /** Everything of one kind the server holds: the standalone ones and those its scenes name, each once. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> named(String sceneField, List<Map<String, Object>> standalone) {
        Map<Object, Map<String, Object>> byId = new LinkedHashMap<>();
        for (Map<String, Object> scene : scenes) {
            Object value = scene.get(sceneField);
            List<Map<String, Object>> entries = value instanceof List<?> list ? (List<Map<String, Object>>) list : value == null ? List.of() : List.of((Map<String, Object>) value);
            for (Map<String, Object> entry : entries) {
                // A studio's parent is a studio of the server's too.
                for (Map<String, Object> e = entry; e != null; e = (Map<String, Object>) e.get("parent_studio")) byId.putIfAbsent(e.get("id"), e);
            }
        }
        for (Map<String, Object> entry : standalone) byId.put(entry.get("id"), entry);
        return new ArrayList<>(byId.values());
    }

    private Map<String, Object> findScenes(Map<String, Object> filter, Map<String, Object> sceneFilter, List<Object> sceneIds) {
        List<Map<String, Object>> matching = new ArrayList<>(scenes);
        if (sceneIds != null) matching.removeIf(s -> sceneIds.stream().noneMatch(id -> String.valueOf(id).equals(s.get("id"))));
        return find(matching, filter, sceneFilter, "scenes");
    }

    /** A page of these, updated after the filter's time, by updated_at then id, as Stash pages. */
    private static Map<String, Object> find(List<Map<String, Object>> all, Map<String, Object> filter, Map<String, Object> updatedFilter, String listField) {
        List<Map<String, Object>> matching = new ArrayList<>(all);
        if (updatedFilter != null && updatedFilter.get("updated_at") instanceof Map<?, ?> updated) {
            Instant after = Instant.parse((String) updated.get("value"));
            matching.removeIf(s -> !Instant.parse((String) s.get("updated_at")).isAfter(after));
        }
        matching.sort(Comparator.comparing((Map<String, Object> s) -> Instant.parse((String) s.get("updated_at"))).thenComparing(s -> (String) s.get("id")));
        int page = filter == null || filter.get("page") == null ? 1 : ((Number) filter.get("page")).intValue();
        int perPage = filter == null || filter.get("per_page") == null ? 25 : ((Number) filter.get("per_page")).intValue();
        int from = Math.min(matching.size(), (page - 1) * perPage);
        int to = perPage < 0 ? matching.size() : Math.min(matching.size(), from + perPage);
        return Map.of("count", matching.size(), "duration", 0.0, "filesize", 0.0, listField, matching.subList(from, to));
    }
    private static GraphQLScalarType passThrough(String name) {
        return GraphQLScalarType.newScalar().name(name).coercing(new Coercing<Object, Object>() {
            @Override
            @SuppressWarnings("deprecation")
            public Object serialize(Object value) {
                return value;
            }

            @Override
            @SuppressWarnings("deprecation")
            public Object parseValue(Object input) {
                return input;
            }

            @Override
            @SuppressWarnings("deprecation")
            public Object parseLiteral(Object input) {
                return input instanceof graphql.language.StringValue s ? s.getValue() : input;
            }
        }).build();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
