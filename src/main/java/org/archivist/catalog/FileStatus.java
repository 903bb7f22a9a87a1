package org.archivist.catalog;

import org.archivist.db.StoredEnum;

/** Whether a catalogued file was found on disk at the last scan. */
public enum FileStatus implements StoredEnum {
    PRESENT("present"),
    MISSING("missing"),
    ERROR("error");

    private final String value;

    FileStatus(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Column extends StoredEnum.Converter<FileStatus> {
        public Column() {
            super(FileStatus.class);
        }
    }
}
