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
              findScenes(scene_ids: $ids, filter: {per_page: -1}) { count scenes { id updated_at } }
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

    /** When each of these scenes last changed in Stash. */
    Map<String, Instant> updatedAt(StashSettings.Connection connection, java.util.List<String> sceneIds) {
        Map<String, Instant> changed = new LinkedHashMap<>();
        if (sceneIds.isEmpty()) return changed;
        java.util.List<Integer> ids = new java.util.ArrayList<>();
        for (String id : sceneIds) {
            try {
                ids.add(Integer.valueOf(id));
            } catch (NumberFormatException e) {
                // Stash's scene ids are numbers; one that is not cannot be asked for, and counts as gone.
            }
        }
        java.util.List<StashTypes.Scene> scenes = execute(connection, UPDATED_AT, Map.of("ids", ids)).field("findScenes.scenes").toEntityList(StashTypes.Scene.class);
        for (StashTypes.Scene scene : scenes) changed.put(scene.id(), java.time.OffsetDateTime.parse(scene.updatedAt()).toInstant());
        return changed;
    }

    /** Sends one scene's update: set fields by sceneUpdate, tag and performer changes by bulkSceneUpdate (ADD, REMOVE). */
    void update(StashSettings.Connection connection, StashPush.SceneUpdate update) {
        if (!update.set().isEmpty()) {
            Map<String, Object> input = new LinkedHashMap<>(update.set());
            input.put("id", update.sceneId());
            execute(connection, SCENE_UPDATE, Map.of("input", input));
        }
        bulk(connection, update.sceneId(), "tag_ids", update.addTags(), "ADD");
        bulk(connection, update.sceneId(), "tag_ids", update.removeTags(), "REMOVE");
        bulk(connection, update.sceneId(), "performer_ids", update.addPerformers(), "ADD");
        bulk(connection, update.sceneId(), "performer_ids", update.removePerformers(), "REMOVE");
    }

    private void bulk(StashSettings.Connection connection, String sceneId, String field, java.util.List<String> ids, String mode) {
        if (ids.isEmpty()) return;
        execute(connection, BULK_UPDATE, Map.of("input", Map.of("ids", java.util.List.of(sceneId), field, Map.of("ids", ids, "mode", mode))));
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
