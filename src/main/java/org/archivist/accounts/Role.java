package org.archivist.accounts;

import org.archivist.db.StoredEnum;

/** What a user may do. */
public enum Role implements StoredEnum {
    ADMIN("admin"),
    USER("user");

    private final String value;

    Role(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Column extends StoredEnum.Converter<Role> {
        public Column() {
            super(Role.class);
        }
    }
}
