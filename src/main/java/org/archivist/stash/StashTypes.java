package org.archivist.stash;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The part of Stash's GraphQL types Archivist reads, with Stash's own field names (graphql/schema/types in stashapp/stash). */
final class StashTypes {

    private StashTypes() {
    }

    record FindScenesResult(int count, List<Scene> scenes) {
    }

    record Scene(String id, String title, String details, String date, @JsonProperty("rating100") Integer rating100, Boolean organized,
                 @JsonProperty("updated_at") String updatedAt, List<VideoFile> files, Studio studio, List<Tag> tags, List<Performer> performers) {
    }

    record VideoFile(String path, String basename, Long size, List<Fingerprint> fingerprints) {
        String fingerprint(String type) {
            if (fingerprints == null) return null;
            return fingerprints.stream().filter(f -> type.equals(f.type())).map(Fingerprint::value).findFirst().orElse(null);
        }
    }

    record Fingerprint(String type, String value) {
    }

    record Studio(String id, String name, @JsonProperty("parent_studio") Studio parentStudio) {
    }

    record Tag(String id, String name) {
    }

    record Performer(String id, String name, String disambiguation, @JsonProperty("alias_list") List<String> aliasList) {
    }
}
