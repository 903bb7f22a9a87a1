package org.archivist.decisions;

import org.archivist.db.StoredEnum;

/** What a person decided about a file. */
public enum DecisionType implements StoredEnum {
    TIMESTAMP_OVERRIDE("timestamp_override"),
    KEEP_DUPLICATE("keep_duplicate"),
    DISCARD_DUPLICATE("discard_duplicate"),
    NOT_DUPLICATE("not_duplicate"),
    TAG_ASSIGNMENT("tag_assignment"),
    METADATA_OVERRIDE("metadata_override");

    private final String value;

    DecisionType(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Column extends StoredEnum.Converter<DecisionType> {
        public Column() {
            super(DecisionType.class);
        }
    }
}
