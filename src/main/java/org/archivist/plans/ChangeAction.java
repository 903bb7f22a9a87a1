package org.archivist.plans;

import org.archivist.db.StoredEnum;

/** What a proposed change does to a field. */
public enum ChangeAction implements StoredEnum {
    ADD("add"),
    REMOVE("remove"),
    UPDATE("update"),
    SET("set");

    private final String value;

    ChangeAction(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Column extends StoredEnum.Converter<ChangeAction> {
        public Column() {
            super(ChangeAction.class);
        }
    }
}
