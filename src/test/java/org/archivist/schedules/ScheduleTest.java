package org.archivist.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.archivist.ArchivistApplication;
import org.archivist.db.ConnectionSettings;
import org.archivist.db.DatabaseLocation;
import org.archivist.db.Engine;
import org.archivist.db.SchemaMigrator;
import org.archivist.settings.CronSchedule;
import org.archivist.settings.SettingsSchemas;
import org.archivist.settings.SettingsService;
import org.archivist.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scheduled tasks: cron lines checked with the reason, next runs in the task's zone, a run missed
 * during a downtime made once (not once per missed slot), and with two server processes on one
 * PostgreSQL each run made by one of them.
 */
class ScheduleTest {

    @TempDir
    Path temp;

    @Test
    void cronLinesAreCheckedWithTheReasonAndReadInTheTasksZone() {
        assertThatThrownBy(() -> CronSchedule.parse("0 0 30 2 *")).hasMessageContaining("never fires").hasMessageContaining("30 February");
        assertThatThrownBy(() -> CronSchedule.parse("61 * * * *")).hasMessageContaining("'61 * * * *' is not a valid cron expression");
        assertThatThrownBy(() -> CronSchedule.parse("every night")).hasMessageContaining("not a valid cron expression");
        assertThat(CronSchedule.next("*/15 * * * *", Instant.parse("2026-12-02T10:07:00Z"), ZoneId.of("UTC"))).isEqualTo("2026-12-02T10:15:00Z");
        // 03:00 in Berlin is 02:00 UTC in winter and 01:00 UTC in summer.
        assertThat(CronSchedule.next("0 3 * * *", Instant.parse("2026-12-02T10:00:00Z"), ZoneId.of("Europe/Berlin"))).isEqualTo("2026-12-03T02:00:00Z");
        assertThat(CronSchedule.next("0 3 * * *", Instant.parse("2026-07-02T10:00:00Z"), ZoneId.of("Europe/Berlin"))).isEqualTo("2026-07-03T01:00:00Z");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRunMissedDuringADowntimeHappensOnceAndTheNextIsAfterNow(Engine engine) throws Exception {
        DatabaseLocation location = TestDatabases.fresh(engine);
        new SchemaMigrator(location).upgrade();
        Instant before;
        try (ConfigurableApplicationContext offline = ArchivistApplication.start(location)) {
            ScheduleService schedules = offline.getBean(ScheduleService.class);
            assertThat(offline.getBean(SettingsService.class).seedDefaults(Instant.now(), ZoneId.systemDefault()).tasksAdded()).isEqualTo(5);
            assertThat(schedules.task("weekly-analysis").enabled()).as("the analysis waits for a person").isFalse();
            assertThatThrownBy(() -> schedules.update("nightly-scan", new SettingsSchemas.TaskUpdate(null, "Mars/Olympus", null, null)))
                    .hasMessageContaining("timeZone: 'Mars/Olympus'");
            ScheduleService.Task berlin = schedules.update("nightly-scan", new SettingsSchemas.TaskUpdate("0 3 * * *", "Europe/Berlin", null, null));
            assertThat(berlin.nextRun().atZone(ZoneId.of("Europe/Berlin")).getHour()).isEqualTo(3);
            // The hourly duplicate search last ran five hours ago, and the server was down since: three slots and more were missed.
            schedules.update("weekly-duplicates", new SettingsSchemas.TaskUpdate("0 * * * *", "UTC", java.util.Map.of("match", "exact"), true));
            before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            offline.getBean(SettingsService.class).recordRun("weekly-duplicates", null, before.minus(6, ChronoUnit.HOURS), before.minus(5, ChronoUnit.HOURS));
        }
        try (ConfigurableApplicationContext server = ArchivistApplication.start(location, "archivist.workers=true", "archivist.scheduler.poll-seconds=1")) {
            JdbcTemplate jdbc = server.getBean(JdbcTemplate.class);
            awaitJobs(jdbc, "dedup", 1);
            Thread.sleep(3_000);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM jobs WHERE type = 'dedup'", Integer.class)).as("once, not once per missed hour").isEqualTo(1);
            var task = server.getBean(SettingsService.class).task("weekly-duplicates").orElseThrow();
            assertThat(task.getLastRun()).isAfterOrEqualTo(before);
            assertThat(task.getNextRun()).isAfter(Instant.now()).isBeforeOrEqualTo(Instant.now().plus(1, ChronoUnit.HOURS)).isEqualTo(task.getNextRun().truncatedTo(ChronoUnit.HOURS));
            assertThat(task.getLastJob()).isNotNull();
            // Disabled: its execution is gone; run now still queues it.
            ScheduleService schedules = server.getBean(ScheduleService.class);
            schedules.enable("weekly-duplicates", false);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduler_executions WHERE task_instance = 'weekly-duplicates'", Integer.class)).isZero();
            schedules.enable("weekly-duplicates", true);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduler_executions WHERE task_instance = 'weekly-duplicates'", Integer.class)).isEqualTo(1);
        }
    }

    /**
     * With the scheduler's clock in the test's hand: nothing runs before the next run, the run
     * happens when the clock reaches it and sets the next one, and after a downtime of five hourly
     * slots the missed run happens once, its next run the first slot after the clock's now.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void withAControlledClockARunHappensWhenDueAndAMissedOneOnceAfterADowntime(Engine engine) throws Exception {
        DatabaseLocation location = TestDatabases.fresh(engine);
        new SchemaMigrator(location).upgrade();
        Instant start = Instant.parse("2031-03-04T00:30:00Z");
        com.github.kagkarlsson.scheduler.testhelper.SettableClock clock = new com.github.kagkarlsson.scheduler.testhelper.SettableClock();
        clock.set(start);
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ScheduleRunner.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines = new ch.qos.logback.core.read.ListAppender<>();
        java.util.function.IntSupplier runs = () -> (int) lines.list.stream().filter(e -> e.getFormattedMessage().startsWith("scheduled task weekly-duplicates ran")).count();
        try (ConfigurableApplicationContext context = ArchivistApplication.start(location)) {
            // Each run logs a line; the lines are counted (after the start, which sets logging up anew).
            lines.start();
            logger.addAppender(lines);
            ScheduleService schedules = context.getBean(ScheduleService.class);
            SettingsService settings = context.getBean(SettingsService.class);
            settings.seedDefaults(start, ZoneId.of("UTC"));
            for (var task : schedules.tasks()) schedules.enable(task.name(), false);
            schedules.update("weekly-duplicates", new SettingsSchemas.TaskUpdate("0 * * * *", "UTC", java.util.Map.of("match", "exact"), true));
            settings.recordRun("weekly-duplicates", null, start.minus(30, ChronoUnit.MINUTES), Instant.parse("2031-03-04T01:00:00Z"));
            java.util.function.Supplier<ScheduleRunner> runner = () -> new ScheduleRunner(context.getBean(javax.sql.DataSource.class),
                    context.getBean(org.archivist.db.SqlValues.class), settings, context.getBean(TaskLauncher.class), 1, clock);

            ScheduleRunner first = runner.get();
            first.start();
            Thread.sleep(2_500);
            assertThat(runs.getAsInt()).as("not due before 01:00").isZero();
            clock.set(Instant.parse("2031-03-04T01:00:05Z"));
            awaitRuns(runs, 1);
            assertThat(settings.task("weekly-duplicates").orElseThrow().getNextRun()).isEqualTo("2031-03-04T02:00:00Z");
            first.stop();

            // Down from 01:00 to 06:10: the runs of 02:00 to 06:00 were missed; one run makes up for them.
            clock.set(Instant.parse("2031-03-04T06:10:00Z"));
            ScheduleRunner second = runner.get();
            second.start();
            try {
                awaitRuns(runs, 2);
                Thread.sleep(3_000);
                assertThat(runs.getAsInt()).as("once, not once per missed slot").isEqualTo(2);
                var task = settings.task("weekly-duplicates").orElseThrow();
                assertThat(task.getLastRun()).isEqualTo("2031-03-04T06:10:00Z");
                assertThat(task.getNextRun()).isEqualTo("2031-03-04T07:00:00Z");
                clock.set(Instant.parse("2031-03-04T07:00:01Z"));
                awaitRuns(runs, 3);
                assertThat(settings.task("weekly-duplicates").orElseThrow().getNextRun()).isEqualTo("2031-03-04T08:00:00Z");
            } finally {
                second.stop();
            }
        } finally {
            logger.detachAppender(lines);
        }
    }

    private static void awaitRuns(java.util.function.IntSupplier runs, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (runs.getAsInt() < count) {
            if (System.nanoTime() > deadline) throw new AssertionError(count + " runs awaited, " + runs.getAsInt() + " made in 30 s");
            Thread.sleep(100);
        }
    }

    @Test
    void twoServerProcessesOnOnePostgresqlMakeEachRunOnce() throws Exception {
        DatabaseLocation location = TestDatabases.freshPostgres();
        new SchemaMigrator(location).upgrade();
        try (ConfigurableApplicationContext setup = ArchivistApplication.start(location)) {
            ScheduleService schedules = setup.getBean(ScheduleService.class);
            setup.getBean(SettingsService.class).seedDefaults(Instant.now(), ZoneId.systemDefault());
            for (var task : schedules.tasks()) schedules.enable(task.name(), false);
            // Due every five seconds (six fields: seconds first), from now on.
            schedules.update("weekly-duplicates", new SettingsSchemas.TaskUpdate("*/5 * * * * *", "UTC", java.util.Map.of("match", "exact"), true));
        }
        List<Process> nodes = new ArrayList<>();
        long launched = System.nanoTime();
        try {
            for (int n = 0; n < 2; n++) {
                nodes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                        "-Djava.io.tmpdir=" + temp, "-Darchivist.scheduler.poll-seconds=1", "-Darchivist.log.dir=" + temp.resolve("logs-" + n),
                        "org.archivist.ArchivistApplication", "serve", "--db", location.jdbcUrl(), "--port", "0")
                        .redirectErrorStream(true).redirectOutput(temp.resolve("node-" + n + ".log").toFile()).start());
            }
            // Each run logs the slot it was due at, on the node that made it: once both schedulers run, over 20 s every slot once,
            // on one node or the other. A loaded machine may take a while to start two JVMs: up to two minutes are allowed.
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!startedScheduler(temp.resolve("logs-0")) || !startedScheduler(temp.resolve("logs-1"))) {
                if (System.nanoTime() > deadline) break;
                Thread.sleep(250);
            }
            Thread.sleep(20_000);
        } finally {
            for (Process node : nodes) node.destroyForcibly().waitFor();
        }
        List<String> slots = new ArrayList<>();
        java.util.Set<Integer> nodesThatRan = new java.util.HashSet<>();
        java.util.regex.Pattern ran = java.util.regex.Pattern.compile("scheduled task weekly-duplicates ran on \\S+ for the run due at (\\S+)");
        for (int n = 0; n < 2; n++) {
            String log = java.nio.file.Files.readString(temp.resolve("logs-" + n).resolve("archivist.log"));
            String output = java.nio.file.Files.readString(temp.resolve("node-" + n + ".log"));
            assertThat(log).as("node " + n + " started its scheduler; its output ends: %s", output.substring(Math.max(0, output.length() - 3000)))
                    .contains("scheduler started on");
            java.util.regex.Matcher m = ran.matcher(log);
            while (m.find()) {
                slots.add(m.group(1));
                nodesThatRan.add(n);
            }
        }
        // Slots due while the nodes ran: at least those of the 20 s both ran, at most one per five seconds since the first started.
        long seconds = (System.nanoTime() - launched) / 1_000_000_000L;
        assertThat(slots).as("runs of a five-second schedule over %d s of two nodes", seconds).hasSizeBetween(3, (int) (seconds / 5) + 2).doesNotHaveDuplicates();
        try (Connection connection = DriverManager.getConnection(location.jdbcUrl(), ConnectionSettings.application(location))) {
            assertThat(count(connection, "SELECT count(*) FROM jobs WHERE type = 'dedup'")).as("a job per run at most").isBetween(1, slots.size());
        }
        System.out.println("runs by node: " + nodesThatRan + " " + slots);
    }

    private static boolean startedScheduler(Path logs) throws java.io.IOException {
        Path log = logs.resolve("archivist.log");
        return java.nio.file.Files.exists(log) && java.nio.file.Files.readString(log).contains("scheduler started on");
    }

    private static int count(Connection connection, String sql) throws Exception {
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void awaitJobs(JdbcTemplate jdbc, String type, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (jdbc.queryForObject("SELECT count(*) FROM jobs WHERE type = ?", Integer.class, type) < count) {
            if (System.nanoTime() > deadline) throw new AssertionError("no " + type + " job within 60 s");
            Thread.sleep(200);
        }
    }
}
