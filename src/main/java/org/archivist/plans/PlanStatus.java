package org.archivist.plans;

import java.util.EnumSet;
import java.util.Set;

import org.archivist.db.StoredEnum;

/**
 * An analysis plan's life: a draft is put up for review, then applied or cancelled; a plan
 * under review can go back to draft. Applied and cancelled plans are final.
 */
public enum PlanStatus implements StoredEnum {
    DRAFT("draft"),
    REVIEWING("reviewing"),
    APPLIED("applied"),
    CANCELLED("cancelled");

    private final String value;

    PlanStatus(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    public Set<PlanStatus> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(REVIEWING, CANCELLED);
            case REVIEWING -> EnumSet.of(DRAFT, APPLIED, CANCELLED);
            // An applied plan that is undone ends cancelled.
            case APPLIED -> EnumSet.of(CANCELLED);
            case CANCELLED -> EnumSet.noneOf(PlanStatus.class);
        };
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Column extends StoredEnum.Converter<PlanStatus> {
        public Column() {
            super(PlanStatus.class);
        }
    }
}
