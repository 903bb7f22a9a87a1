package org.archivist.catalog;

import org.archivist.db.StoredEnum;

/** Where a file's capture date came from. */
public enum TimestampSource implements StoredEnum {
    EXIF("exif"),
    CONTAINER("container"),
    FILENAME("filename"),
    FILESYSTEM("filesystem"),
    USER("user");

    private final String value;

    TimestampSource(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Column extends StoredEnum.Converter<TimestampSource> {
        public Column() {
            super(TimestampSource.class);
        }
    }
}
