package org.archivist.catalog;

import java.time.LocalDate;
import java.util.List;

/**
 * The item a newly found file should get: its kind, a title from its metadata or name, the people
 * credited (authors, artists), its genres, which become tags of category {@code genre}, an ISBN-13
 * (set on the item unless another item already has it), a studio by name (a book's publisher) and a
 * description.
 */
public record ItemProposal(ItemKind kind, String title, LocalDate itemDate, String isbn13, List<Credit> people, List<String> genres,
                           String studio, String details) {

    public record Credit(String name, PersonRole role) {
    }

    public ItemProposal {
        people = people == null ? List.of() : List.copyOf(people);
        genres = genres == null ? List.of() : List.copyOf(genres);
    }

    /** An item with no studio and no description: what a photo, a song or a file without metadata proposes. */
    public ItemProposal(ItemKind kind, String title, LocalDate itemDate, String isbn13, List<Credit> people, List<String> genres) {
        this(kind, title, itemDate, isbn13, people, genres, null, null);
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
