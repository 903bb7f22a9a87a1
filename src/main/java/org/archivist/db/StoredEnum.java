package org.archivist.db;

import com.fasterxml.jackson.annotation.JsonValue;

/** An enum stored and serialised as its lower-case value, checked by a CHECK constraint. */
public interface StoredEnum {

    @JsonValue
    String value();

    static <E extends Enum<E> & StoredEnum> E fromValue(Class<E> type, String value) {
        Object constant = value == null ? null : StoredEnumConstants.BY_VALUE.get(type).get(value);
        if (constant != null) return type.cast(constant);
        throw new IllegalArgumentException("'" + value + "' is not a " + type.getSimpleName() + "; expected one of "
                + java.util.Arrays.stream(type.getEnumConstants()).map(StoredEnum::value).toList());
    }

    /**
     * A value as a person writes it in a request (any case), or null when absent; refused naming
     * the field and every value it takes.
     */
    static <E extends Enum<E> & StoredEnum> E parse(String field, Class<E> type, String value) {
        if (value == null) return null;
        for (E constant : type.getEnumConstants()) {
            if (constant.value().equals(value.toLowerCase(java.util.Locale.ROOT))) return constant;
        }
        throw new IllegalArgumentException(field + ": '" + value + "' is not one of "
                + String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(StoredEnum::value).toList()));
    }

    /** Base of the JPA converter each stored enum declares. */
    abstract class Converter<E extends Enum<E> & StoredEnum> implements jakarta.persistence.AttributeConverter<E, String> {

        private final Class<E> type;

        protected Converter(Class<E> type) {
            this.type = type;
        }

        @Override
        public String convertToDatabaseColumn(E attribute) {
            return attribute == null ? null : attribute.value();
        }

        @Override
        public E convertToEntityAttribute(String column) {
            return column == null ? null : fromValue(type, column);
        }
    }
}
