package org.archivist.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.archivist.jobs.Job;
import org.archivist.jobs.JobService;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code archivist jobs list | show ID | cancel ID}. */
@Command(name = "jobs", description = "List, inspect and cancel jobs (scans, hashing...).",
        subcommands = {JobsCommand.ListJobs.class, JobsCommand.Show.class, JobsCommand.Cancel.class})
class JobsCommand {

    @Command(name = "list", description = "The 50 most recent jobs.")
    static class ListJobs implements Callable<Integer> {
        @Mixin DatabaseOption database;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Catalogue.open(database)) {
                PrintWriter out = spec.commandLine().getOut();
                out.printf("%6s  %-8s %-10s %5s  %-22s %s%n", "ID", "TYPE", "STATUS", "DONE", "PROCESSED", "PARAMS");
                for (Job job : context.getBean(JobService.class).recent()) {
                    out.printf("%6d  %-8s %-10s %4d%%  %-22s %s%n", job.getId(), job.getType(), job.getStatus().value(), job.getProgress(),
                            job.getProcessedItems() + (job.getTotalItems() == null ? "" : "/" + job.getTotalItems()), job.getParams());
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "One job in full.")
    static class Show implements Callable<Integer> {
        @Mixin DatabaseOption database;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "ID") long id;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Catalogue.open(database)) {
                Job job = context.getBean(JobService.class).get(id);
                PrintWriter out = spec.commandLine().getOut();
                out.printf("job %d (%s)%n  status:    %s%n  progress:  %d%% (%d of %s)%n  params:    %s%n  worker:    %s%n"
                                + "  created:   %s%n  started:   %s%n  heartbeat: %s%n  completed: %s%n  retries:   %d of %d%n  result:    %s%n  error:     %s%n",
                        job.getId(), job.getType(), job.getStatus().value(), job.getProgress(), job.getProcessedItems(),
                        job.getTotalItems() == null ? "?" : job.getTotalItems(), job.getParams(), job.getWorkerId(), job.getCreatedAt(),
                        job.getStartedAt(), job.getHeartbeatAt(), job.getCompletedAt(), job.getRetryCount(), job.getMaxRetries(),
                        job.getResult(), job.getError());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "cancel", description = "Cancel a pending or running job (a running scan stops after its current batch).")
    static class Cancel implements Callable<Integer> {
        @Mixin DatabaseOption database;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "ID") long id;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Catalogue.open(database)) {
                Job job = context.getBean(JobService.class).cancel(id);
                spec.commandLine().getOut().printf("job %d %s%n", job.getId(), job.getStatus().value());
            }
            return ExitCodes.OK;
        }
    }
}
