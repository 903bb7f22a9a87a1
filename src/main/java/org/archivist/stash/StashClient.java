package org.archivist.stash;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.HttpSyncGraphQlClient;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Stash's GraphQL API ({@code POST /graphql} with the {@code ApiKey} header) through Spring for
 * GraphQL's client. Every way a server can fail (no answer, too slow, 401, not JSON, GraphQL errors)
 * becomes one {@link StashException} whose message says which, naming the server.
 */
@Component
class StashClient {

    static final String UPDATED_AT = """
            query Changed($ids: [Int!]) {
              findScenes(scene_ids: $ids, filter: {per_page: -1}) { count scenes { id updated_at tags { id } performers { id } } }
            }""";
    static final String SCENE_UPDATE = """
            mutation Update($input: SceneUpdateInput!) { sceneUpdate(input: $input) { id updated_at } }""";
    static final String BULK_UPDATE = """
            mutation Bulk($input: BulkSceneUpdateInput!) { bulkSceneUpdate(input: $input) { id updated_at } }""";

    /** A failure of the Stash server or of the way to it, said plainly. */
    static final class StashException extends RuntimeException {
        StashException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** One page of a listing, by {@code updated_at}, of what was updated after {@code after} (all when null). */
    <T extends StashTypes.Listed> StashTypes.Page<T> page(StashSettings.Connection connection, StashTypes.Listing<T> listing, int page, int perPage, Instant after) {
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("page", page);
        filter.put("per_page", perPage);
        filter.put("sort", "updated_at");
        filter.put("direction", "ASC");
        Map<String, Object> updatedAfter = new LinkedHashMap<>();
        if (after != null) updatedAfter.put("updated_at", Map.of("value", after.toString(), "modifier", "GREATER_THAN"));
        ClientGraphQlResponse response = execute(connection, listing.document(), Map.of("filter", filter, listing.filterArgument(), updatedAfter));
        try {
            Integer count = response.field(listing.query() + ".count").getValue();
            java.util.List<T> entries = response.field(listing.query() + "." + listing.listField()).toEntityList(listing.type());
            if (count == null || entries == null) throw new StashException("Stash at " + connection.graphql() + " answered without " + listing.query(), null);
            return new StashTypes.Page<>(count, entries);
        } catch (RuntimeException e) {
            if (e instanceof StashException stash) throw stash;
            throw new StashException("Stash at " + connection.graphql() + " answered " + listing.listField() + " in a shape Archivist does not know: "
                    + e.getMessage(), e);
        }
    }

    /** Each of these scenes as Stash holds it now: when it last changed, its tags' and performers' ids. */
    Map<String, StashTypes.Scene> current(StashSettings.Connection connection, java.util.List<String> sceneIds) {
        Map<String, StashTypes.Scene> found = new LinkedHashMap<>();
        if (sceneIds.isEmpty()) return found;
        java.util.List<Integer> ids = new java.util.ArrayList<>();
        for (String id : sceneIds) {
            try {
                ids.add(Integer.valueOf(id));
            } catch (NumberFormatException e) {
                // Stash's scene ids are numbers; one that is not cannot be asked for, and counts as gone.
            }
        }
        for (StashTypes.Scene scene : execute(connection, UPDATED_AT, Map.of("ids", ids)).field("findScenes.scenes").toEntityList(StashTypes.Scene.class)) {
            found.put(scene.id(), scene);
        }
        return found;
    }

    /**
     * Sends one scene's update in one mutation, so that Stash takes all of it or none: a push that
     * fails halfway leaves no scene half sent (and then a conflict for its own write). Usually
     * {@code bulkSceneUpdate} for the one scene, tags and performers by mode ADD or REMOVE, or SET to
     * Stash's list with the adds and removes made when a list has both; {@code sceneUpdate} with whole
     * lists when a field is cleared (the bulk form is not relied on to clear one). Answers the
     * scene's updated_at after it, on Stash's own clock, which the next push compares against.
     */
    Instant update(StashSettings.Connection connection, StashPush.SceneUpdate update, StashTypes.Scene inStash) {
        java.util.List<String> tags = inStash.tags() == null ? java.util.List.of() : inStash.tags().stream().map(StashTypes.Tag::id).toList();
        java.util.List<String> performers = inStash.performers() == null ? java.util.List.of()
                : inStash.performers().stream().map(StashTypes.Performer::id).toList();
        boolean clears = update.set().containsValue(null);
        Map<String, Object> input = new LinkedHashMap<>(update.set());
        String time;
        if (clears) {
            input.put("id", update.sceneId());
            if (!update.addTags().isEmpty() || !update.removeTags().isEmpty()) input.put("tag_ids", after(tags, update.addTags(), update.removeTags()));
            if (!update.addPerformers().isEmpty() || !update.removePerformers().isEmpty()) {
                input.put("performer_ids", after(performers, update.addPerformers(), update.removePerformers()));
            }
            time = execute(connection, SCENE_UPDATE, Map.of("input", input)).field("sceneUpdate.updated_at").toEntity(String.class);
        } else {
            input.put("ids", java.util.List.of(update.sceneId()));
            Map<String, Object> tagChange = change(tags, update.addTags(), update.removeTags());
            if (tagChange != null) input.put("tag_ids", tagChange);
            Map<String, Object> performerChange = change(performers, update.addPerformers(), update.removePerformers());
            if (performerChange != null) input.put("performer_ids", performerChange);
            java.util.List<StashTypes.Scene> scenes = execute(connection, BULK_UPDATE, Map.of("input", input)).field("bulkSceneUpdate").toEntityList(StashTypes.Scene.class);
            time = scenes.isEmpty() ? null : scenes.get(0).updatedAt();
        }
        return StashTypes.instant(time);
    }

    private static java.util.List<String> after(java.util.List<String> now, java.util.List<String> add, java.util.List<String> remove) {
        java.util.LinkedHashSet<String> result = new java.util.LinkedHashSet<>(now);
        result.addAll(add);
        result.removeAll(remove);
        return java.util.List.copyOf(result);
    }

    /** A list's change as one BulkUpdateIds: ADD, REMOVE, or SET when it has both; null when none. */
    private static Map<String, Object> change(java.util.List<String> now, java.util.List<String> add, java.util.List<String> remove) {
        if (add.isEmpty() && remove.isEmpty()) return null;
        if (remove.isEmpty()) return Map.of("ids", add, "mode", "ADD");
        if (add.isEmpty()) return Map.of("ids", remove, "mode", "REMOVE");
        return Map.of("ids", after(now, add, remove), "mode", "SET");
    }

    private ClientGraphQlResponse execute(StashSettings.Connection connection, String document, Map<String, Object> variables) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(connection.timeout());
        RestClient.Builder rest = RestClient.builder().baseUrl(connection.graphql().toString()).requestFactory(requests);
        if (connection.apiKey() != null) rest.defaultHeader("ApiKey", connection.apiKey());
        HttpSyncGraphQlClient client = HttpSyncGraphQlClient.create(rest.build());
        String where = "Stash at " + connection.graphql();
        ClientGraphQlResponse response;
        try {
            response = client.document(document).variables(variables).executeSync();
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().value() == 401 || e.getStatusCode().value() == 403) {
                throw new StashException(where + " refused the API key (" + e.getStatusCode().value() + "): check stash.api_key", e);
            }
            throw new StashException(where + " answered " + e.getStatusCode().value() + " " + e.getStatusText(), e);
        } catch (ResourceAccessException e) {
            Throwable cause = e.getMostSpecificCause();
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof HttpTimeoutException || t instanceof java.net.SocketTimeoutException || t instanceof ConnectException
                        || t instanceof java.net.UnknownHostException) {
                    cause = t;
                    break;
                }
            }
            if (cause instanceof HttpTimeoutException || cause instanceof java.net.SocketTimeoutException) {
                throw new StashException(where + " did not answer within " + connection.timeout().toSeconds() + " s", e);
            }
            if (cause instanceof ConnectException || cause instanceof java.net.UnknownHostException) {
                throw new StashException(where + " does not answer (" + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")", e);
            }
            throw new StashException(where + " could not be reached: " + cause.getMessage(), e);
        } catch (RestClientException e) {
            throw new StashException(where + " answered something that is not GraphQL JSON: " + e.getMostSpecificCause().getMessage(), e);
        } catch (RuntimeException e) {
            throw new StashException(where + " answered something Archivist cannot read: " + e.getMessage(), e);
        }
        if (!response.isValid() || !response.getErrors().isEmpty()) {
            String errors = response.getErrors().stream().map(error -> error.getMessage()).reduce((a, b) -> a + "; " + b).orElse("no data");
            throw new StashException(where + " answered with GraphQL errors: " + errors, null);
        }
        return response;
    }
}
