package org.archivist.catalog;

import org.archivist.db.StoredEnum;

/** What a person did for an item. */
public enum PersonRole implements StoredEnum {
    PERFORMER("performer"),
    AUTHOR("author"),
    ARTIST("artist"),
    DIRECTOR("director"),
    OTHER("other");

    private final String value;

    PersonRole(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Column extends StoredEnum.Converter<PersonRole> {
        public Column() {
            super(PersonRole.class);
        }
    }
}
