package org.lodestar.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.lodestar.audit.Actors;
import org.lodestar.audit.AuditLog;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The names a customer goes by besides its own: suggestions worked out from its name and domain
 * ({@link AliasSuggestions}), less those people dismissed, plus those they added. The wrong-customer guard reads them.
 */
@Service
public class AccountAliases {

    private static final int LONGEST = 200;
    private static final int SHORTEST = 2;

    /** An alias in force, where it came from: {@code suggested} (from the name or domain) or {@code added} by a person. */
    public record Alias(String alias, String source) {
    }

    /** The aliases in force and the suggestions dismissed, for one account. */
    public record Aliases(long accountId, String name, List<Alias> aliases, List<String> dismissed) {
    }

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final AuditLog audit;
    private final Clock clock;

    AccountAliases(JdbcClient jdbc, Accounts accounts, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    public Aliases of(long accountId) {
        Account account = accounts.get(accountId);
        Map<String, String[]> decided = decisions(accountId);
        return merge(account.id(), account.name(), account.domain(), decided);
    }

    /** Adds an alias; one that was a dismissed suggestion is back in force. */
    @Transactional
    public Aliases add(long accountId, String alias) {
        Account account = accounts.get(accountId);
        String text = alias == null ? "" : alias.strip().replaceAll("\\s+", " ");
        if (text.replaceAll("[^\\p{L}\\p{N}]", "").length() < SHORTEST) {
            throw new InvalidInput("alias", "expected a name of at least " + SHORTEST + " letters or digits, got '"
                    + (alias == null ? "" : alias) + "'");
        }
        if (text.length() > LONGEST) {
            throw new InvalidInput("alias", "must be at most " + LONGEST + " characters, got " + text.length());
        }
        if (text.equalsIgnoreCase(account.name().strip())) {
            throw new InvalidInput("alias", "is the account's own name");
        }
        Aliases before = of(accountId);
        String key = text.toLowerCase(Locale.ROOT);
        jdbc.sql("delete from account_alias where account_id = ? and alias_key = ?").params(accountId, key).update();
        boolean suggested = AliasSuggestions.suggest(account.name(), account.domain()).stream()
                .anyMatch(s -> s.equalsIgnoreCase(text));
        if (!suggested) {
            insert(accountId, key, text, "added");
        }
        Aliases after = of(accountId);
        audit.updated("account-aliases", accountId, "Added the alias " + text + " to " + account.name(), before, after);
        return after;
    }

    /** Removes an alias: one a person added is gone, a suggestion is remembered as dismissed and not suggested again. */
    @Transactional
    public Aliases remove(long accountId, String alias) {
        Account account = accounts.get(accountId);
        Aliases before = of(accountId);
        String text = alias == null ? "" : alias.strip();
        Alias found = before.aliases().stream().filter(a -> a.alias().equalsIgnoreCase(text)).findFirst()
                .orElseThrow(() -> new NotFound("Alias '" + text + "' of " + account.name()));
        String key = found.alias().toLowerCase(Locale.ROOT);
        jdbc.sql("delete from account_alias where account_id = ? and alias_key = ?").params(accountId, key).update();
        if (found.source().equals("suggested")) {
            insert(accountId, key, found.alias(), "dismissed");
        }
        Aliases after = of(accountId);
        audit.updated("account-aliases", accountId, "Removed the alias " + found.alias() + " from " + account.name(), before,
                after);
        return after;
    }

    /** Every account's aliases in force, by account id, for accounts given with their names and domains. */
    public Map<Long, List<String>> inForce(List<Account> of) {
        Map<Long, Map<String, String[]>> decided = new HashMap<>();
        jdbc.sql("select account_id, alias_key, alias, decision from account_alias").query(rs -> {
            decided.computeIfAbsent(rs.getLong(1), id -> new LinkedHashMap<>()).put(rs.getString(2),
                    new String[] { rs.getString(3), rs.getString(4) });
        });
        Map<Long, List<String>> aliases = new HashMap<>();
        for (Account account : of) {
            List<String> names = merge(account.id(), account.name(), account.domain(),
                    decided.getOrDefault(account.id(), Map.of())).aliases().stream().map(Alias::alias).toList();
            if (!names.isEmpty()) {
                aliases.put(account.id(), names);
            }
        }
        return aliases;
    }

    private static Aliases merge(long accountId, String name, String domain, Map<String, String[]> decided) {
        List<Alias> aliases = new ArrayList<>();
        List<String> dismissed = new ArrayList<>();
        for (String suggestion : AliasSuggestions.suggest(name, domain)) {
            String[] decision = decided.get(suggestion.toLowerCase(Locale.ROOT));
            if (decision != null && decision[1].equals("dismissed")) {
                dismissed.add(suggestion);
            } else {
                aliases.add(new Alias(suggestion, "suggested"));
            }
        }
        decided.forEach((key, decision) -> {
            if (decision[1].equals("added") && aliases.stream().noneMatch(a -> a.alias().equalsIgnoreCase(key))) {
                aliases.add(new Alias(decision[0], "added"));
            }
        });
        return new Aliases(accountId, name, List.copyOf(aliases), List.copyOf(dismissed));
    }

    private Map<String, String[]> decisions(long accountId) {
        Map<String, String[]> decided = new LinkedHashMap<>();
        jdbc.sql("select alias_key, alias, decision from account_alias where account_id = ? order by decided_at, alias_key")
                .param(accountId).query(rs -> {
                    decided.put(rs.getString(1), new String[] { rs.getString(2), rs.getString(3) });
                });
        return decided;
    }

    private void insert(long accountId, String key, String alias, String decision) {
        jdbc.sql("insert into account_alias (account_id, alias_key, alias, decision, decided_at, decided_by) values (?, ?, ?, ?, ?, ?)")
                .params(accountId, key, alias, decision, Timestamp.from(clock.instant()), Actors.current().name()).update();
    }
}
