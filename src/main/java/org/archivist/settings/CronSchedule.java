package org.archivist.settings;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.springframework.scheduling.support.CronExpression;

/**
 * Cron expressions as people write them: the classic five fields (minute hour day month
 * weekday), or six with seconds first, or a macro such as {@code @daily}.
 */
public final class CronSchedule {

    private CronSchedule() {
    }

    /** Throws {@link IllegalArgumentException} naming the problem when the expression is not valid. */
    public static CronExpression parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("schedule must not be blank");
        }
        String trimmed = expression.trim();
        String springForm = trimmed.startsWith("@") || trimmed.split("\\s+").length != 5 ? trimmed : "0 " + trimmed;
        CronExpression cron;
        try {
            cron = CronExpression.parse(springForm);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + expression + "' is not a valid cron expression: " + e.getMessage(), e);
        }
        // A line that parses can still name a day no month has (30 February): it would never run.
        if (cron.next(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)) == null) {
            throw new IllegalArgumentException("'" + expression + "' never fires: it names a date that does not exist (such as 30 February)");
        }
        return cron;
    }

    public static boolean isValid(String expression) {
        try {
            parse(expression);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The next time the schedule fires after {@code after}, in the given zone's wall clock. */
    public static Instant next(String expression, Instant after, ZoneId zone) {
        ZonedDateTime next = parse(expression).next(after.atZone(zone));
        return next == null ? null : next.toInstant();
    }
}
