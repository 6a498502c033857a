package org.lodestar.plans;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.AccountSet;
import org.lodestar.accounts.BookFacts;
import org.lodestar.accounts.LifecycleStage;
import org.lodestar.errors.InvalidInput;
import org.lodestar.plans.TimeToValue.Account;
import org.lodestar.plans.TimeToValue.Group;
import org.lodestar.plans.TimeToValue.Row;
import org.lodestar.plans.TimeToValue.ValueMilestone;
import org.lodestar.people.User;
import org.lodestar.people.Users;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Time-to-value of the book (rules in {@link TimeToValue}): for the team or one CSM's accounts, by segment, by start
 * cohort (kickoff month) and by CSM, with the accounts open longest; and for one account. An account counts once it
 * has a plan with a milestone marked as value. A churned account that never reached value is left out (it will not).
 */
@Service
public class TimeToValues {

    /** How many of the accounts open longest a report lists. */
    static final int LONGEST_OPEN = 10;

    /**
     * The team's (or one owner's) time-to-value: the whole group, by segment, by cohort and by CSM; the accounts open
     * longest; every account's row when asked for (null otherwise).
     */
    public record Report(LocalDate today, String owner, Group all, List<Group> bySegment, List<Group> byCohort,
            List<Group> byOwner, List<Row> longestOpen, List<Row> accounts) {
    }

    /**
     * One account: its row (null when no plan has a value milestone), the median of its segment to compare with, and a
     * sentence saying where it stands.
     */
    public record AccountTimeToValue(long accountId, LocalDate today, Row timeToValue, Integer segmentMedianDays,
            String summary) {
    }

    private final JdbcClient jdbc;
    private final BookFacts book;
    private final Accounts accounts;
    private final Users users;
    private final Clock clock;

    TimeToValues(JdbcClient jdbc, BookFacts book, Accounts accounts, Users users, Clock clock) {
        this.users = users;
        this.jdbc = jdbc;
        this.book = book;
        this.accounts = accounts;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * @param owner an owner's email to report on their accounts only; null for the whole team
     * @throws InvalidInput when no user has that email
     */
    public Report report(String owner, boolean withAccounts) {
        if (owner != null && users.findByEmail(owner).isEmpty()) {
            throw new InvalidInput("owner", "no user has the email '" + owner + "'");
        }
        LocalDate today = today();
        List<Account> all = read(null).stream().filter(a -> owner == null || owner.equalsIgnoreCase(a.owner())).toList();
        return new Report(today, owner, TimeToValue.group("all", all, today),
                TimeToValue.groupBy(all, Account::segment, today), TimeToValue.groupBy(all, Account::cohort, today),
                TimeToValue.groupBy(all, a -> a.owner() == null ? "unassigned" : a.owner(), today),
                TimeToValue.longestOpen(all, today, LONGEST_OPEN), withAccounts ? TimeToValue.rows(all, today) : null);
    }

    /** One account's time-to-value, against its segment's median; unknown accounts are refused (404). */
    public AccountTimeToValue forAccount(long accountId) {
        accounts.get(accountId);
        LocalDate today = today();
        List<Account> read = read(accountId);
        if (read.isEmpty()) {
            return new AccountTimeToValue(accountId, today, null, null,
                    "No plan has a milestone marked as value: time-to-value starts with one.");
        }
        Account account = read.getFirst();
        List<Account> segment = read(null).stream().filter(a -> account.segment().equals(a.segment())).toList();
        Integer median = TimeToValue.group(account.segment(), segment, today).medianDays();
        Row row = TimeToValue.rows(read, today).getFirst();
        return new AccountTimeToValue(accountId, today, row, median, summary(row, median));
    }

    static String summary(Row row, Integer segmentMedian) {
        String days = row.days() == 1 ? "1 day" : row.days() + " days";
        String text = row.reached() ? "Value reached in " + days + " (kickoff " + row.kickoff() + ", value " + row.reachedOn() + ")"
                : "Day " + row.days() + " since kickoff on " + row.kickoff() + ": value not reached yet";
        if (segmentMedian != null) {
            text += "; " + row.segment() + " median " + segmentMedian + " days";
            if (!row.reached() && row.days() > segmentMedian) {
                text += ", open longer than that";
            }
        }
        return text + ".";
    }

    /** The accounts with a value milestone (one account's, or all when null), as the plans and the book say. */
    private List<Account> read(Long accountId) {
        Map<Long, List<ValueMilestone>> milestones = new HashMap<>();
        jdbc.sql("select p.account_id, p.starts_on, m.status, m.completed_at from success_plan p join plan_milestone m "
                + "on m.plan_id = p.id where m.is_value = true" + (accountId == null ? "" : " and p.account_id = ?"))
                .params(accountId == null ? List.of() : List.of(accountId)).query(rs -> {
                    Timestamp done = rs.getTimestamp(4);
                    milestones.computeIfAbsent(rs.getLong(1), a -> new ArrayList<>()).add(new ValueMilestone(
                            rs.getObject(2, LocalDate.class), MilestoneStatus.valueOf(rs.getString(3)),
                            done == null ? null : done.toInstant()));
                });
        if (milestones.isEmpty()) {
            return List.of();
        }
        // Only accounts with a value milestone are read: usually a small part of the book (the whole book past a share).
        AccountSet scope = AccountSet.toRead(milestones.keySet(), book.size());
        Map<Long, BookFacts.Profile> profiles = book.profiles(scope, true);
        Map<Long, Long> owners = book.owners(scope);
        Map<Long, User> users = new HashMap<>();
        this.users.list().forEach(u -> users.put(u.id(), u));
        List<Account> found = new ArrayList<>();
        milestones.forEach((id, values) -> {
            BookFacts.Profile profile = profiles.get(id);
            if (profile == null) {
                return;
            }
            User owner = owners.containsKey(id) ? users.get(owners.get(id)) : null;
            Account account = TimeToValue.of(id, profile.name(), profile.segment(), owner == null ? null : owner.email(),
                    owner == null ? null : owner.name(), values);
            if (account.reached() || profile.stage() != LifecycleStage.CHURNED) {
                found.add(account);
            }
        });
        return found;
    }
}
