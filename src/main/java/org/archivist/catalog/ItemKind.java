package org.archivist.catalog;

import org.archivist.db.StoredEnum;

/** What a curated item is. */
public enum ItemKind implements StoredEnum {
    SCENE("scene"),
    PHOTO("photo"),
    TRACK("track"),
    BOOK("book"),
    DOCUMENT("document"),
    OTHER("other");

    private final String value;

    ItemKind(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Column extends StoredEnum.Converter<ItemKind> {
        public Column() {
            super(ItemKind.class);
        }
    }
}
