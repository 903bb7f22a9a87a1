package org.archivist.stash;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The part of Stash's GraphQL types Archivist reads, with Stash's own field names (graphql/schema/types in stashapp/stash). */
final class StashTypes {

    private StashTypes() {
    }

    record Scene(String id, String title, String details, String date, @JsonProperty("rating100") Integer rating100, Boolean organized,
                 @JsonProperty("updated_at") String updatedAt, List<VideoFile> files, Studio studio, List<Tag> tags, List<Performer> performers) implements Listed {
    }

    record VideoFile(String path, String basename, Long size, List<Fingerprint> fingerprints) {
        String fingerprint(String type) {
            if (fingerprints == null) return null;
            return fingerprints.stream().filter(f -> type.equals(f.type())).map(Fingerprint::value).findFirst().orElse(null);
        }
    }

    record Fingerprint(String type, String value) {
    }

    record Studio(String id, String name, @JsonProperty("parent_studio") Studio parentStudio, @JsonProperty("updated_at") String updatedAt) implements Listed {
    }

    record Tag(String id, String name, @JsonProperty("updated_at") String updatedAt) implements Listed {
    }

    record Performer(String id, String name, String disambiguation, @JsonProperty("alias_list") List<String> aliasList,
                     @JsonProperty("updated_at") String updatedAt) implements Listed {
    }

    /** One of Stash's times (RFC 3339, with its offset) as an instant; null when absent or unreadable. */
    static java.time.Instant instant(String at) {
        if (at == null || at.isBlank()) return null;
        try {
            return java.time.OffsetDateTime.parse(at).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** What a listing pages over: each has Stash's id and the time it last changed. */
    interface Listed {
        String id();

        String updatedAt();
    }

    /** One page of a find query: how many match in all, and this page's entries. */
    record Page<T extends Listed>(int count, List<T> entries) {
    }

    /**
     * What can be listed page by page, updated after a time: scenes, and the performers, tags and
     * studios Stash holds whether or not a scene names them. The query's name, its filter argument
     * and its list field are Stash's.
     */
    record Listing<T extends Listed>(String document, String query, String filterArgument, String listField, Class<T> type) {
    }

    static final Listing<Scene> SCENES = new Listing<>("""
            query Scenes($filter: FindFilterType, $scene_filter: SceneFilterType) {
              findScenes(filter: $filter, scene_filter: $scene_filter) {
                count
                scenes {
                  id title details date rating100 organized updated_at
                  files { path basename size fingerprints { type value } }
                  studio { id name parent_studio { id name } }
                  tags { id name }
                  performers { id name disambiguation alias_list }
                }
              }
            }""", "findScenes", "scene_filter", "scenes", Scene.class);

    static final Listing<Performer> PERFORMERS = new Listing<>("""
            query Performers($filter: FindFilterType, $performer_filter: PerformerFilterType) {
              findPerformers(filter: $filter, performer_filter: $performer_filter) {
                count
                performers { id name disambiguation alias_list updated_at }
              }
            }""", "findPerformers", "performer_filter", "performers", Performer.class);

    static final Listing<Tag> TAGS = new Listing<>("""
            query Tags($filter: FindFilterType, $tag_filter: TagFilterType) {
              findTags(filter: $filter, tag_filter: $tag_filter) { count tags { id name updated_at } }
            }""", "findTags", "tag_filter", "tags", Tag.class);

    static final Listing<Studio> STUDIOS = new Listing<>("""
            query Studios($filter: FindFilterType, $studio_filter: StudioFilterType) {
              findStudios(filter: $filter, studio_filter: $studio_filter) { count studios { id name updated_at parent_studio { id name } } }
            }""", "findStudios", "studio_filter", "studios", Studio.class);
}
