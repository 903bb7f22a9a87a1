package org.archivist.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

class CronScheduleTest {

    @Test
    void fiveFieldSixFieldAndMacroFormsAreAccepted() {
        assertThat(CronSchedule.isValid("0 3 * * *")).isTrue();
        assertThat(CronSchedule.isValid("*/15 * * * MON-FRI")).isTrue();
        assertThat(CronSchedule.isValid("30 0 3 * * *")).isTrue();
        assertThat(CronSchedule.isValid("@daily")).isTrue();
    }

    @Test
    void invalidExpressionsAreRefusedWithTheReason() {
        assertThat(CronSchedule.isValid("61 * * * *")).isFalse();
        assertThat(CronSchedule.isValid("every day")).isFalse();
        assertThat(CronSchedule.isValid("")).isFalse();
        assertThatThrownBy(() -> CronSchedule.parse("0 25 * * *")).hasMessageContaining("'0 25 * * *' is not a valid cron expression");
    }

    @Test
    void nextRunFollowsTheWallClockOfTheZone() {
        Instant after = Instant.parse("2026-03-28T12:00:00Z");
        assertThat(CronSchedule.next("0 3 * * *", after, ZoneId.of("Europe/Berlin")))
                .isEqualTo(Instant.parse("2026-03-29T01:00:00Z")); // 03:00 CEST after the clocks went forward
    }

    /** As in a crontab: days of the month and days of the week both named means either (cron(5)). */
    @Test
    void aLineWithBothKindsOfDayFiresOnEither() {
        ZoneId utc = ZoneId.of("UTC");
        // 2026-12-01 (a Tuesday) after 03:00: next Monday the 7th, Monday the 14th, then the 15th (a Tuesday).
        Instant t = Instant.parse("2026-12-01T04:00:00Z");
        Instant first = CronSchedule.next("0 3 1,15 * MON", t, utc);
        Instant second = CronSchedule.next("0 3 1,15 * MON", first, utc);
        Instant third = CronSchedule.next("0 3 1,15 * MON", second, utc);
        assertThat(List.of(first, second, third)).containsExactly(Instant.parse("2026-12-07T03:00:00Z"), Instant.parse("2026-12-14T03:00:00Z"),
                Instant.parse("2026-12-15T03:00:00Z"));
        // Only one kind named: that one alone.
        assertThat(CronSchedule.next("0 3 * * MON", t, utc)).isEqualTo(Instant.parse("2026-12-07T03:00:00Z"));
        assertThat(CronSchedule.next("0 3 15 * *", t, utc)).isEqualTo(Instant.parse("2026-12-15T03:00:00Z"));
        // A day field that starts with an asterisk is no restriction (cron(5)): every other day that is a Monday.
        assertThat(CronSchedule.next("0 3 */2 * MON", t, utc)).isEqualTo(Instant.parse("2026-12-07T03:00:00Z"));
        // Six fields are Spring's form, read as Spring reads it: both at once.
        assertThat(CronSchedule.next("0 0 3 1,15 * MON", t, utc)).isEqualTo(Instant.parse("2027-02-01T03:00:00Z"));
        // 30 February never comes, but Mondays in February do.
        assertThat(CronSchedule.isValid("0 0 30 2 *")).isFalse();
        assertThat(CronSchedule.isValid("0 0 30 2 MON")).isTrue();
    }
}
