package org.archivist.settings;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A cron expression {@link CronSchedule} accepts; null is allowed. */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidCron.Validator.class)
public @interface ValidCron {

    String message() default "must be a cron expression: 'minute hour day month weekday', six fields with seconds, or a macro such as @daily";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidCron, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) return true;
            try {
                CronSchedule.parse(value);
                return true;
            } catch (IllegalArgumentException e) {
                // The reason itself (a field out of range, a date that never comes), not only the rule.
                context.disableDefaultConstraintViolation();
                String reason = e.getMessage().replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
                context.buildConstraintViolationWithTemplate(reason).addConstraintViolation();
                return false;
            }
        }
    }
}
