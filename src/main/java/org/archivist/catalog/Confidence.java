package org.archivist.catalog;

import org.archivist.db.StoredEnum;

/** How sure the capture date of a file is. */
public enum Confidence implements StoredEnum {
    HIGH("high"),
    MEDIUM("medium"),
    LOW("low"),
    NONE("none");

    private final String value;

    Confidence(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Column extends StoredEnum.Converter<Confidence> {
        public Column() {
            super(Confidence.class);
        }
    }
}
