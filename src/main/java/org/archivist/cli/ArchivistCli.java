package org.archivist.cli;

import java.io.PrintWriter;

import org.archivist.db.DatabaseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code archivist} command line. */
@Command(name = "archivist", mixinStandardHelpOptions = true, versionProvider = ArchivistCli.Version.class,
        description = "Self-hosted media library server.",
        subcommands = {DbCommand.class, LibraryCommand.class, ScanCommand.class, HashCommand.class, JobsCommand.class, ShowCommand.class, DupesCommand.class, TrashCommand.class, UserCommand.class, PlanCommand.class, ScheduleCommand.class, StashCommand.class, OrganizeCommand.class, ServeCommand.class})
public class ArchivistCli {

    /** Runs the command line and returns the process exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with the given output streams (tests read them). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new ArchivistCli());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(ArchivistCli::reportFailure);
        return commandLine.execute(args);
    }

    private static int reportFailure(Exception error, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        if (error instanceof DatabaseException || error instanceof IllegalArgumentException || error instanceof org.archivist.db.NotFoundException
                || error instanceof org.archivist.jobs.JobRunner.JobBusyException || error instanceof org.archivist.db.IllegalTransitionException) {
            err.println("archivist: error: " + error.getMessage());
        } else {
            err.println("archivist: unexpected error: " + error);
            error.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.FAILURE;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ArchivistCli.class.getPackage().getImplementationVersion();
            return new String[] {"archivist " + (version == null ? "development build" : version)};
        }
    }
}
