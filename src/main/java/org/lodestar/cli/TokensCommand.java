package org.lodestar.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.lodestar.people.ApiToken;
import org.lodestar.people.ApiTokens;
import org.lodestar.people.IssuedToken;
import org.lodestar.people.TokenScope;
import org.lodestar.people.User;
import org.lodestar.people.Users;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tokens", description = "Manage personal API tokens (scoped, expiring, revocable).",
        subcommands = { TokensCommand.ListTokens.class, TokensCommand.CreateToken.class,
                TokensCommand.RevokeToken.class })
class TokensCommand {

    @Command(name = "list", description = "List tokens (never their secrets).")
    static class ListTokens implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Option(names = "--user", description = "Only this user's tokens.")
        String email;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Instance.tool(database)) {
                ApiTokens tokens = context.getBean(ApiTokens.class);
                Instant now = context.getBean(Clock.class).instant();
                System.out.printf("%-5s %-30s %-24s %-6s %-10s %-12s %s%n", "ID", "USER", "NAME", "SCOPE", "PREFIX",
                        "STATUS", "EXPIRES");
                for (ApiToken token : tokens.list()) {
                    if (email != null && !token.userEmail().equalsIgnoreCase(email.trim())) {
                        continue;
                    }
                    String status = token.revokedAt() != null ? "revoked" : token.activeAt(now) ? "active" : "expired";
                    System.out.printf("%-5d %-30s %-24s %-6s %-10s %-12s %s%n", token.id(), token.userEmail(),
                            token.name(), token.scope().label(), token.prefix() + "…", status,
                            token.expiresAt() == null ? "never" : token.expiresAt());
                }
                return 0;
            }
        }
    }

    @Command(name = "create", description = "Create a token and print its secret once.")
    static class CreateToken implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Option(names = "--user", required = true, description = "The owner's email.")
        String email;
        @Option(names = "--name", required = true, description = "What the token is for, e.g. 'crm sync'.")
        String name;
        @Option(names = "--scope", required = true, description = "read, write, admin or metrics (reads /actuator/prometheus only)")
        String scope;
        @Option(names = "--expires", description = "Expiry as YYYY-MM-DD or a number of days such as 90d "
                + "(default: ${DEFAULT-VALUE}); 'never' for no expiry.", defaultValue = "90d")
        String expires;

        @Override
        public Integer call() {
            TokenScope parsed = TokenScope.parse(scope);
            if (parsed == null) {
                System.err.println("--scope: expected one of " + TokenScope.labels() + ", got '" + scope + "'");
                return 2;
            }
            try (ConfigurableApplicationContext context = Instance.tool(database)) {
                Instant now = context.getBean(Clock.class).instant();
                Instant expiresAt = expiry(expires, now);
                User user = context.getBean(Users.class).findByEmail(email)
                        .orElseThrow(() -> new InvalidInput("--user", "no user with email " + email));
                IssuedToken issued = Actors.runAs(Actor.commandLine(),
                        () -> context.getBean(ApiTokens.class).issue(user.id(), name, parsed, expiresAt));
                System.out.println("Token " + issued.token().id() + " for " + user.email() + " (" + parsed.label()
                        + ", expires " + (expiresAt == null ? "never" : expiresAt) + "):");
                System.out.println(issued.secret());
                System.out.println("Store it now: Lodestar keeps only its hash.");
                return 0;
            } catch (InvalidInput e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }

        static Instant expiry(String text, Instant now) {
            if (text.equalsIgnoreCase("never")) {
                return null;
            }
            if (text.matches("\\d{1,5}d")) {
                return now.plus(Duration.ofDays(Long.parseLong(text.substring(0, text.length() - 1))));
            }
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidInput("--expires", "expected YYYY-MM-DD, a number of days (up to 99999) such as 90d, or never; got '"
                        + text + "'");
            }
        }
    }

    @Command(name = "revoke", description = "Revoke a token at once.")
    static class RevokeToken implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Instance.tool(database)) {
                ApiToken token = Actors.runAs(Actor.commandLine(), () -> context.getBean(ApiTokens.class).revoke(id));
                System.out.println("Revoked token " + token.id() + " '" + token.name() + "' of " + token.userEmail());
                return 0;
            } catch (NotFound e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
    }
}
