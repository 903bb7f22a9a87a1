package org.archivist.db;

import java.util.HashMap;
import java.util.Map;

/** Each stored enum's constants by value, made once per type: a page of rows reads several per row. */
final class StoredEnumConstants {

    static final ClassValue<Map<String, Object>> BY_VALUE = new ClassValue<>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> type) {
            Map<String, Object> byValue = new HashMap<>();
            for (Object constant : type.getEnumConstants()) byValue.put(((StoredEnum) constant).value(), constant);
            return Map.copyOf(byValue);
        }
    };

    private StoredEnumConstants() {
    }
}
