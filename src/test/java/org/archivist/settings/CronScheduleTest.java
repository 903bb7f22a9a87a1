package org.archivist.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;

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
}
