package org.archivist.settings;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.scheduling.support.CronExpression;

/**
 * Cron expressions as people write them: the classic five fields (minute hour day month
 * weekday), or six with seconds first, or a macro such as {@code @daily}. As in a crontab, a
 * five-field line that names both days of the month and days of the week fires on either ({@code 0 3 1,15 * MON}:
 * the 1st, the 15th and every Monday); Spring's expressions alone would need both at once.
 */
public final class CronSchedule {

    private CronSchedule() {
    }

    /**
     * The expressions a line stands for: one, or two when it names both kinds of day (one with each).
     * Throws {@link IllegalArgumentException} naming the problem when the line is not valid.
     */
    public static List<CronExpression> parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("schedule must not be blank");
        }
        String trimmed = expression.trim();
        String[] fields = trimmed.split("\\s+");
        String springForm = trimmed.startsWith("@") || fields.length != 5 ? trimmed : "0 " + trimmed;
        List<CronExpression> crons = new ArrayList<>();
        try {
            crons.add(CronExpression.parse(springForm));
            String[] six = springForm.split("\\s+");
            // Five-field lines are crontab's and read as cron(5) does; six-field lines are Spring's form, read as Spring reads them.
            if (fields.length == 5 && !trimmed.startsWith("@") && restricted(six[3]) && restricted(six[5])) {
                crons.clear();
                crons.add(CronExpression.parse(String.join(" ", six[0], six[1], six[2], six[3], six[4], "*")));
                crons.add(CronExpression.parse(String.join(" ", six[0], six[1], six[2], "*", six[4], six[5])));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + expression + "' is not a valid cron expression: " + e.getMessage(), e);
        }
        // A line that parses can still name a day no month has (30 February): it would never run.
        if (next(crons, java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)) == null) {
            throw new IllegalArgumentException("'" + expression + "' never fires: it names a date that does not exist (such as 30 February)");
        }
        return crons;
    }

    /** As cron(5) says: a day field is restricted unless it starts with an asterisk ({@code *}, {@code *}{@code /2}). */
    private static boolean restricted(String dayField) {
        return !dayField.startsWith("*") && !dayField.equals("?");
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
        ZonedDateTime next = next(parse(expression), after.atZone(zone));
        return next == null ? null : next.toInstant();
    }

    private static ZonedDateTime next(List<CronExpression> crons, ZonedDateTime after) {
        ZonedDateTime soonest = null;
        for (CronExpression cron : crons) {
            ZonedDateTime next = cron.next(after);
            if (next != null && (soonest == null || next.isBefore(soonest))) soonest = next;
        }
        return soonest;
    }
}
