package org.archivist.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.archivist.accounts.ApiTokenService;
import org.archivist.accounts.LibraryAccess;
import org.archivist.accounts.Role;
import org.archivist.accounts.User;
import org.archivist.accounts.UserSchemas;
import org.archivist.accounts.UserService;
import org.archivist.catalog.LibraryService;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code archivist user add | list | password | disable | enable | grant | token}: accounts from the
 * command line, run as the machine's owner (who has the database file), so no sign-in.
 */
@Command(name = "user", description = "Manage accounts: add (the first admin too), list, passwords, libraries, API tokens.",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Password.class, UserCommand.Disable.class,
                UserCommand.Enable.class, UserCommand.Grant.class, UserCommand.Token.class})
class UserCommand {

    /** The password from the terminal without echo (asked twice), or the first line of standard input. */
    static String readPassword(boolean fromStdin) {
        Console console = System.console();
        if (!fromStdin && console != null) {
            char[] first = console.readPassword("Password (10 characters or more): ");
            char[] again = console.readPassword("Again: ");
            if (first == null || again == null || !java.util.Arrays.equals(first, again)) {
                throw new IllegalArgumentException("password: the two passwords differ");
            }
            return new String(first);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) throw new IllegalArgumentException("password: none on standard input");
            return line;
        } catch (IOException e) {
            throw new IllegalArgumentException("password: cannot read standard input: " + e.getMessage());
        }
    }

    private static int setActive(ConfigurableApplicationContext context, String email, boolean active, PrintWriter out) {
        UserService users = context.getBean(UserService.class);
        users.setActive(users.get(email).getId(), active);
        out.printf("%s %s%n", email, active ? "enabled" : "disabled");
        return ExitCodes.OK;
    }

    @Command(name = "add", description = "Add an account; the password is read from the terminal (or from standard input).")
    static class Add extends CatalogueCommand {
        @Parameters(paramLabel = "EMAIL") String email;
        @Option(names = "--admin", description = "An admin: every library, users, settings, scans.") boolean admin;
        @Option(names = "--password-stdin", description = "Read the password from standard input, not the terminal.") boolean stdin;
        @Option(names = "--library", paramLabel = "NAME", description = "A library the user may see (repeatable).") List<String> libraries = new ArrayList<>();

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            User user = context.getBean(UserService.class).register(new UserSchemas.Create(email, readPassword(stdin), null, null,
                    admin ? Role.ADMIN : Role.USER));
            for (String library : libraries) {
                context.getBean(LibraryAccess.class).grant(user.getId(), context.getBean(LibraryService.class).get(library).getId());
            }
            out.printf("added %s %s%n", admin ? "admin" : "user", user.getEmail());
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List accounts with their role, state and libraries.")
    static class ListUsers extends CatalogueCommand {
        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            LibraryAccess access = context.getBean(LibraryAccess.class);
            LibraryService libraries = context.getBean(LibraryService.class);
            for (User user : context.getBean(UserService.class).list()) {
                List<String> names = access.granted(user.getId()).stream().map(id -> libraries.get(id).getName()).toList();
                out.printf("%-40s %-6s %-9s %s%n", user.getEmail(), user.getRole().value(), user.isActive() ? "active" : "disabled",
                        user.getRole() == Role.ADMIN ? "every library" : String.join(", ", names));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "password", description = "Set an account's password (read from the terminal or standard input).")
    static class Password extends CatalogueCommand {
        @Parameters(paramLabel = "EMAIL") String email;
        @Option(names = "--password-stdin", description = "Read the password from standard input.") boolean stdin;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            UserService users = context.getBean(UserService.class);
            users.setPassword(users.get(email).getId(), readPassword(stdin));
            out.printf("password of %s changed%n", email);
            return ExitCodes.OK;
        }
    }

    @Command(name = "disable", description = "Disable an account: no sign-in, its tokens stop working.")
    static class Disable extends CatalogueCommand {
        @Parameters(paramLabel = "EMAIL") String email;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            return setActive(context, email, false, out);
        }
    }

    @Command(name = "enable", description = "Enable a disabled account again.")
    static class Enable extends CatalogueCommand {
        @Parameters(paramLabel = "EMAIL") String email;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            return setActive(context, email, true, out);
        }
    }

    @Command(name = "grant", description = "Let a user see exactly these libraries (none: no library).")
    static class Grant extends CatalogueCommand {
        @Parameters(index = "0", paramLabel = "EMAIL") String email;
        @Parameters(index = "1..*", paramLabel = "LIBRARY") List<String> libraries = new ArrayList<>();

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            LibraryService all = context.getBean(LibraryService.class);
            long user = context.getBean(UserService.class).get(email).getId();
            context.getBean(LibraryAccess.class).grantOnly(user, libraries.stream().map(name -> (Long) all.get(name).getId()).toList());
            out.printf("%s sees %s%n", email, libraries.isEmpty() ? "no library" : String.join(", ", libraries));
            return ExitCodes.OK;
        }
    }

    @Command(name = "token", description = "Make a personal API token (printed once) for scripts: X-API-Key.")
    static class Token extends CatalogueCommand {
        @Parameters(index = "0", paramLabel = "EMAIL") String email;
        @Option(names = "--name", required = true, description = "What the token is for.") String name;
        @Option(names = "--scope", defaultValue = "read", description = "read or read-write (default ${DEFAULT-VALUE}).") String scope;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out) {
            long user = context.getBean(UserService.class).get(email).getId();
            ApiTokenService.Created token = context.getBean(ApiTokenService.class).create(user, name, ApiTokenService.Scope.parse(scope));
            out.println(token.token());
            return ExitCodes.OK;
        }
    }
}
