package org.archivist.catalog;

import org.archivist.db.StoredEnum;

/** What kind of content a file holds, decided from its bytes. */
public enum MediaType implements StoredEnum {
    VIDEO("video"),
    AUDIO("audio"),
    IMAGE("image"),
    DOCUMENT("document"),
    BOOK("book"),
    OTHER("other");

    private final String value;

    MediaType(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Column extends StoredEnum.Converter<MediaType> {
        public Column() {
            super(MediaType.class);
        }
    }
}
