package org.archivist.dedup;

import org.archivist.db.StoredEnum;

/** How two files were found to be the same. */
public enum MatchType implements StoredEnum {
    EXACT("exact"),
    PERCEPTUAL("perceptual");

    private final String value;

    MatchType(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Column extends StoredEnum.Converter<MatchType> {
        public Column() {
            super(MatchType.class);
        }
    }
}
