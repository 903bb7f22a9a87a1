package org.archivist.cli;

import java.io.PrintWriter;

import org.archivist.schedules.ScheduleService;
import org.archivist.settings.SettingsSchemas;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code archivist schedule}: the scheduled tasks, their next runs; change, enable, disable, run now. */
@Command(name = "schedule", description = "List scheduled tasks and their next runs; 'set' changes one, 'enable'/'disable', 'run' queues it now.",
        subcommands = {ScheduleCommand.Set.class, ScheduleCommand.Enable.class, ScheduleCommand.Disable.class, ScheduleCommand.Run.class})
class ScheduleCommand extends CatalogueCommand {

    @Override
    int run(ConfigurableApplicationContext context, PrintWriter out) {
        ScheduleService schedules = context.getBean(ScheduleService.class);
        if (schedules.tasks().isEmpty()) out.println("no scheduled tasks (run 'archivist db seed' for the defaults)");
        for (ScheduleService.Task task : schedules.tasks()) out.println(describe(task));
        return ExitCodes.OK;
    }

    static String describe(ScheduleService.Task t) {
        return String.format("%-20s %-9s %-16s %-14s %s  next %s  last %s%s", t.name(), t.taskType(), t.schedule(),
                t.timeZone() == null ? "(server zone)" : t.timeZone(), t.enabled() ? "enabled " : "disabled", t.enabled() ? t.nextRun() : "-",
                t.lastRun() == null ? "never" : t.lastRun(), t.lastJobId() == null ? "" : " (job " + t.lastJobId() + ")");
    }

    @Command(name = "set", description = "Change a task's cron line (five fields: minute hour day month weekday) or time zone.")
    static class Set extends CatalogueCommand {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--cron", paramLabel = "LINE") String cron;
        @Option(names = "--zone", paramLabel = "ZONE", description = "Such as Europe/Berlin or UTC.") String zone;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            if (cron == null && zone == null) throw new IllegalArgumentException("give --cron, --zone or both");
            out.println(describe(context.getBean(ScheduleService.class).update(name, new SettingsSchemas.TaskUpdate(cron, zone, null, null))));
            return ExitCodes.OK;
        }
    }

    @Command(name = "enable", description = "Turn a task on.")
    static class Enable extends CatalogueCommand {
        @Parameters(paramLabel = "NAME") String name;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            out.println(describe(context.getBean(ScheduleService.class).enable(name, true)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "disable", description = "Turn a task off.")
    static class Disable extends CatalogueCommand {
        @Parameters(paramLabel = "NAME") String name;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            out.println(describe(context.getBean(ScheduleService.class).enable(name, false)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "run", description = "Queue the task's jobs now (a running 'archivist serve' works them off).")
    static class Run extends CatalogueCommand {
        @Parameters(paramLabel = "NAME") String name;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            var jobs = context.getBean(ScheduleService.class).runNow(name);
            out.println("queued jobs " + jobs.stream().map(j -> j.getId()).toList());
            return ExitCodes.OK;
        }
    }
}
