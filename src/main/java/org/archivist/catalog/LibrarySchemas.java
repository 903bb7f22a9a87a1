package org.archivist.catalog;

import java.time.Instant;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request and response shapes of libraries. */
public final class LibrarySchemas {

    private LibrarySchemas() {
    }

    public record Create(
            @NotBlank @Size(max = 100) @Pattern(regexp = "^[^/\\\\]+$", message = "must not contain slashes") String name,
            @NotBlank @Size(max = 4096) @Pattern(regexp = "^/.*", message = "must be an absolute path") String rootPath,
            Set<MediaType> mediaTypes,
            @Valid LibrarySettings settings) {
    }

    public record Update(@Size(min = 1, max = 100) String name, Set<MediaType> mediaTypes,
                         @Valid LibrarySettings settings, Boolean enabled) {
    }

    /** {@code files}: how many of its files are on disk (not missing); {@code offline}: why the last scan stopped, if it did. */
    public record Response(long id, String name, String rootPath, Set<MediaType> mediaTypes, LibrarySettings settings,
                           boolean enabled, long files, String offline, Instant lastScannedAt, Instant createdAt, Instant updatedAt) {

        public static Response of(Library library, long files) {
            return new Response(library.getId(), library.getName(), library.getRootPath(), library.getMediaTypes(),
                    library.getSettings(), library.isEnabled(), files, library.getOfflineReason(), library.getLastScannedAt(),
                    library.getCreatedAt(), library.getUpdatedAt());
        }
    }
}
