package org.archivist.cli;

import java.io.PrintWriter;

import org.archivist.jobs.Job;
import org.archivist.jobs.JobService;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code archivist jobs list | show ID | cancel ID}. */
@Command(name = "jobs", description = "List, inspect and cancel jobs (scans, hashing...).",
        subcommands = {JobsCommand.ListJobs.class, JobsCommand.Show.class, JobsCommand.Cancel.class})
class JobsCommand {

    @Command(name = "list", description = "The 50 most recent jobs.")
    static class ListJobs extends CatalogueCommand {

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            out.printf("%6s  %-8s %-10s %5s  %-22s %s%n", "ID", "TYPE", "STATUS", "DONE", "PROCESSED", "PARAMS");
            for (Job job : context.getBean(JobService.class).recent()) {
                out.printf("%6d  %-8s %-10s %4d%%  %-22s %s%n", job.getId(), job.getType(), job.getStatus().value(), job.getProgress(),
                        job.getProcessedItems() + (job.getTotalItems() == null ? "" : "/" + job.getTotalItems()), job.getParams());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "One job in full.")
    static class Show extends CatalogueCommand {
        @Parameters(paramLabel = "ID") long id;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            Job job = context.getBean(JobService.class).get(id);
            out.printf("job %d (%s)%n  status:    %s%n  progress:  %d%% (%d of %s)%n  params:    %s%n  worker:    %s%n"
                            + "  created:   %s%n  started:   %s%n  heartbeat: %s%n  completed: %s%n  retries:   %d of %d%n  result:    %s%n  error:     %s%n",
                    job.getId(), job.getType(), job.getStatus().value(), job.getProgress(), job.getProcessedItems(),
                    job.getTotalItems() == null ? "?" : job.getTotalItems(), job.getParams(), job.getWorkerId(), job.getCreatedAt(),
                    job.getStartedAt(), job.getHeartbeatAt(), job.getCompletedAt(), job.getRetryCount(), job.getMaxRetries(),
                    job.getResult(), job.getError());
            return ExitCodes.OK;
        }
    }

    @Command(name = "cancel", description = "Cancel a pending or running job (a running scan stops after its current batch).")
    static class Cancel extends CatalogueCommand {
        @Parameters(paramLabel = "ID") long id;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            Job job = context.getBean(JobService.class).cancel(id);
            out.printf("job %d %s%n", job.getId(), job.getStatus().value());
            return ExitCodes.OK;
        }
    }
}
