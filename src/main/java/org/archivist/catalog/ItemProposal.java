package org.archivist.catalog;

import java.time.LocalDate;
import java.util.List;

/**
 * The item a newly found file should get: its kind, a title from its metadata or name, the people
 * credited (authors, artists), its genres, which become tags of category {@code genre}, and an ISBN-13
 * (set on the item unless another item already has it).
 */
public record ItemProposal(ItemKind kind, String title, LocalDate itemDate, String isbn13, List<Credit> people, List<String> genres) {

    public record Credit(String name, PersonRole role) {
    }

    public ItemProposal {
        people = people == null ? List.of() : List.copyOf(people);
        genres = genres == null ? List.of() : List.copyOf(genres);
    }

    public static ItemKind kindOf(MediaType mediaType) {
        return switch (mediaType) {
            case VIDEO -> ItemKind.SCENE;
            case AUDIO -> ItemKind.TRACK;
            case IMAGE -> ItemKind.PHOTO;
            case DOCUMENT -> ItemKind.DOCUMENT;
            case BOOK -> ItemKind.BOOK;
            case OTHER -> ItemKind.OTHER;
        };
    }
}
