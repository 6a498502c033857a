package org.lodestar.cli;

import java.util.concurrent.Callable;

import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.lodestar.usage.IssuedWriteKey;
import org.lodestar.usage.WriteKey;
import org.lodestar.usage.WriteKeys;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "writekeys", description = "Manage the write keys tracking sources send usage to /v1 with.",
        subcommands = { WriteKeysCommand.ListKeys.class, WriteKeysCommand.CreateKey.class,
                WriteKeysCommand.RevokeKey.class })
class WriteKeysCommand {

    @Command(name = "list", description = "List write keys (never their secrets).")
    static class ListKeys implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Instance.tool(database)) {
                System.out.printf("%-5s %-40s %-14s %-22s %s%n", "ID", "NAME", "PREFIX", "CREATED", "STATUS");
                for (WriteKey key : context.getBean(WriteKeys.class).list()) {
                    System.out.printf("%-5d %-40s %-14s %-22s %s%n", key.id(), key.name(), key.prefix() + "…",
                            key.createdAt().toString().substring(0, 19), key.active() ? "active"
                                    : "revoked " + key.revokedAt().toString().substring(0, 10));
                }
                return 0;
            }
        }
    }

    @Command(name = "create", description = "Create a write key and print it once.")
    static class CreateKey implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Option(names = "--name", required = true, description = "The source, e.g. 'web app (production)'.")
        String name;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Instance.tool(database)) {
                IssuedWriteKey issued = Actors.runAs(Actor.commandLine(),
                        () -> context.getBean(WriteKeys.class).create(name));
                System.out.println("Write key " + issued.key().id() + " for '" + issued.key().name() + "':");
                System.out.println(issued.secret());
                System.out.println("Store it now: Lodestar keeps only its hash. Sources send it as the HTTP Basic "
                        + "user name with an empty password.");
                return 0;
            } catch (InvalidInput e) {
                System.err.println("--" + e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "revoke", description = "Revoke a write key; sources using it are refused within seconds.")
    static class RevokeKey implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Instance.tool(database)) {
                WriteKey key = Actors.runAs(Actor.commandLine(), () -> context.getBean(WriteKeys.class).revoke(id));
                System.out.println("Revoked write key " + key.id() + " '" + key.name() + "'");
                return 0;
            } catch (NotFound e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
    }
}
