package org.lodestar.cli;

import java.util.concurrent.Callable;
import java.util.function.Function;

import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.errors.Conflict;
import org.lodestar.errors.InvalidInput;
import org.lodestar.people.Role;
import org.lodestar.people.User;
import org.lodestar.people.Users;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "users", description = "Manage the people who use Lodestar.",
        subcommands = { UsersCommand.ListUsers.class, UsersCommand.AddUser.class, UsersCommand.SetRole.class,
                UsersCommand.Disable.class, UsersCommand.Enable.class, UsersCommand.ResetPassword.class })
class UsersCommand {

    /** Runs one change against the database as the person at the command line; reports input errors plainly. */
    static int withUsers(DatabaseOptions database, Function<Users, Integer> work) {
        try (ConfigurableApplicationContext context = Instance.tool(database)) {
            Users users = context.getBean(Users.class);
            return Actors.runAs(Actor.commandLine(), () -> work.apply(users));
        } catch (InvalidInput | Conflict e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }

    static User byEmail(Users users, String email) {
        return users.findByEmail(email).orElseThrow(() -> new InvalidInput("email", "no user with email " + email));
    }

    @Command(name = "list", description = "List users and their roles.")
    static class ListUsers implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;

        @Override
        public Integer call() {
            return withUsers(database, users -> {
                System.out.printf("%-36s %-28s %-10s %s%n", "EMAIL", "NAME", "ROLE", "STATUS");
                for (User user : users.list()) {
                    System.out.printf("%-36s %-28s %-10s %s%n", user.email(), user.name(), user.role().label(),
                            user.enabled() ? "active" : "disabled");
                }
                return 0;
            });
        }
    }

    @Command(name = "add", description = "Add a user. Without --password a password is generated and printed.")
    static class AddUser implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Option(names = "--email", required = true)
        String email;
        @Option(names = "--name", required = true)
        String name;
        @Option(names = "--role", required = true, description = "admin, cs-leader, csm or read-only")
        String role;
        @Option(names = "--password", description = "At least 10 characters.")
        String password;

        @Override
        public Integer call() {
            Role parsed = Role.parse(role);
            if (parsed == null) {
                System.err.println("--role: expected one of " + Role.labels() + ", got '" + role + "'");
                return 2;
            }
            String chosen = password != null ? password : Users.generatePassword();
            return withUsers(database, users -> {
                User user = users.create(email, name, parsed, chosen);
                System.out.println("Added " + user.email() + " as " + user.role().label()
                        + (password == null ? " with password " + chosen : ""));
                return 0;
            });
        }
    }

    @Command(name = "set-role", description = "Change a user's role.")
    static class SetRole implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;
        @Parameters(index = "1", paramLabel = "ROLE", description = "admin, cs-leader, csm or read-only")
        String role;

        @Override
        public Integer call() {
            Role parsed = Role.parse(role);
            if (parsed == null) {
                System.err.println("ROLE: expected one of " + Role.labels() + ", got '" + role + "'");
                return 2;
            }
            return withUsers(database, users -> {
                User user = users.changeRole(byEmail(users, email).id(), parsed);
                System.out.println(user.email() + " is now " + user.role().label());
                return 0;
            });
        }
    }

    @Command(name = "disable", description = "Stop a user from signing in (their tokens stop working too).")
    static class Disable implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Parameters(paramLabel = "EMAIL")
        String email;

        @Override
        public Integer call() {
            return withUsers(database, users -> {
                users.setEnabled(byEmail(users, email).id(), false);
                System.out.println("Disabled " + email);
                return 0;
            });
        }
    }

    @Command(name = "enable", description = "Let a disabled user sign in again.")
    static class Enable implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Parameters(paramLabel = "EMAIL")
        String email;

        @Override
        public Integer call() {
            return withUsers(database, users -> {
                users.setEnabled(byEmail(users, email).id(), true);
                System.out.println("Enabled " + email);
                return 0;
            });
        }
    }

    @Command(name = "reset-password", description = "Set a new password (generated and printed unless given).")
    static class ResetPassword implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Parameters(paramLabel = "EMAIL")
        String email;
        @Option(names = "--password")
        String password;

        @Override
        public Integer call() {
            String chosen = password != null ? password : Users.generatePassword();
            return withUsers(database, users -> {
                users.changePassword(byEmail(users, email).id(), chosen);
                System.out.println("New password for " + email + (password == null ? ": " + chosen : " set"));
                return 0;
            });
        }
    }
}
