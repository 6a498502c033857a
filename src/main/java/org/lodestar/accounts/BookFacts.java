package org.lodestar.accounts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the book knows about many accounts, read in bulk: who they are (segment, stage, ARR), who the
 * people are (stakeholders, with the day they left), and what the timeline says about engagement. The
 * one place scorecards, signal rules, the backtest and the churn model read them from.
 */
@Repository
public class BookFacts {

    /** An account as the scoring and rule engines see it. */
    public record Profile(long id, String name, String segment, LifecycleStage stage, CoverageModel coverage, BigDecimal arr) {
    }

    /**
     * A stakeholder.
     *
     * @param addedOn the day the contact was added; null for one that came with the account (recorded within its first
     *        week, by an import or the account's set-up), whose start is not known
     */
    public record Contact(long id, String name, StakeholderRole role, boolean active, LocalDate leftOn, LocalDate addedOn) {

        /**
         * In place at the end of the day: added by then (when the day it was added is known) and not left by then (a
         * contact with no leaving day counts while active).
         */
        public boolean inPlaceOn(LocalDate day) {
            return (addedOn == null || !addedOn.isAfter(day)) && (leftOn == null ? active : leftOn.isAfter(day));
        }
    }

    private final JdbcClient jdbc;

    BookFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How many accounts the book holds, churned ones included. */
    public long size() {
        return jdbc.sql("select count(*) from account").query(Long.class).single();
    }

    /** Every account's id, churned ones included. */
    public List<Long> ids() {
        return jdbc.sql("select id from account order by id").query(Long.class).list();
    }

    /** The accounts, in id order; churned ones only when asked for. */
    public Map<Long, Profile> profiles(AccountSet accounts, boolean withChurned) {
        Map<Long, Profile> profiles = new LinkedHashMap<>();
        accounts.inParts(part -> jdbc.sql("select id, name, segment, lifecycle_stage, coverage_model, arr from account where "
                + (withChurned ? "1 = 1" : "lifecycle_stage <> 'CHURNED'") + part.where("id") + " order by id")
                .params(part.params()).query(rs -> {
                    profiles.put(rs.getLong(1), new Profile(rs.getLong(1), rs.getString(2), rs.getString(3),
                            LifecycleStage.valueOf(rs.getString(4)), CoverageModel.valueOf(rs.getString(5)), rs.getBigDecimal(6)));
                }));
        return profiles;
    }

    /** The user id of each account's owner, for the accounts that have one. */
    public Map<Long, Long> owners(AccountSet accounts) {
        Map<Long, Long> owners = new HashMap<>();
        accounts.inParts(part -> jdbc.sql("select id, owner_id from account where owner_id is not null" + part.where("id"))
                .params(part.params()).query(rs -> {
                    owners.put(rs.getLong(1), rs.getLong(2));
                }));
        return owners;
    }

    /** An account as the data hygiene report sees it: its name, domain, owner (a user id, null when unassigned), stage and first day. */
    public record Identity(long id, String name, String domain, Long ownerId, LifecycleStage stage, LocalDate createdOn) {
    }

    /** A stakeholder's address, for finding one person on two accounts. */
    public record Address(long accountId, String email, String name, boolean active) {
    }

    /** Every account of the set with its name, domain, owner and stage, churned ones included, in id order. */
    public List<Identity> identities(AccountSet accounts) {
        List<Identity> identities = new ArrayList<>();
        accounts.inParts(part -> jdbc.sql("select id, name, domain, owner_id, lifecycle_stage, created_at from account where 1 = 1"
                + part.where("id") + " order by id").params(part.params()).query(rs -> {
                    long owner = rs.getLong(4);
                    identities.add(new Identity(rs.getLong(1), rs.getString(2), rs.getString(3), rs.wasNull() ? null : owner,
                            LifecycleStage.valueOf(rs.getString(5)), dayOf(rs.getObject(6, OffsetDateTime.class))));
                }));
        return identities;
    }

    /** The email address of every stakeholder of the accounts, in recorded order. */
    public List<Address> addresses(AccountSet accounts) {
        List<Address> addresses = new ArrayList<>();
        accounts.inParts(part -> jdbc.sql("select account_id, email, name, status from stakeholder where 1 = 1"
                + part.where("account_id") + " order by id").params(part.params()).query(rs -> {
                    addresses.add(new Address(rs.getLong(1), rs.getString(2), rs.getString(3), "ACTIVE".equals(rs.getString(4))));
                }));
        return addresses;
    }

    /** The day of the latest entry of any kind on each timeline, future ones included (a past event dated ahead is a mistake). */
    public Map<Long, LocalDate> latestEntry(AccountSet accounts) {
        Map<Long, LocalDate> latest = new HashMap<>();
        accounts.inParts(part -> jdbc.sql("select account_id, max(occurred_at) from timeline_entry where 1 = 1"
                + part.where("account_id") + " group by account_id").params(part.params()).query(rs -> {
                    latest.put(rs.getLong(1), dayOf(rs.getObject(2, OffsetDateTime.class)));
                }));
        return latest;
    }

    /** Every stakeholder of the accounts, in the order they were recorded. */
    public Map<Long, List<Contact>> contacts(AccountSet accounts) {
        return contacts(accounts, EnumSet.allOf(StakeholderRole.class));
    }

    /** The stakeholders of the accounts in these roles (a scorecard needs only sponsors and champions), in recorded order. */
    public Map<Long, List<Contact>> contacts(AccountSet accounts, Set<StakeholderRole> roles) {
        Map<Long, List<Contact>> contacts = new HashMap<>();
        if (roles.isEmpty()) {
            return contacts;
        }
        String in = String.join(", ", roles.stream().map(r -> "'" + r.name() + "'").sorted().toList());
        accounts.inParts(part -> jdbc.sql("select c.id, c.account_id, c.name, c.role, c.status, c.left_on, c.created_at, "
                + "a.created_at from stakeholder c join account a on a.id = c.account_id where c.role in (" + in + ")"
                + part.where("c.account_id") + " order by c.id").params(part.params()).query(rs -> {
                    LocalDate added = dayOf(rs.getObject(7, OffsetDateTime.class));
                    LocalDate accountAdded = dayOf(rs.getObject(8, OffsetDateTime.class));
                    contacts.computeIfAbsent(rs.getLong(2), a -> new ArrayList<>()).add(new Contact(rs.getLong(1), rs.getString(3),
                            StakeholderRole.valueOf(rs.getString(4)), "ACTIVE".equals(rs.getString(5)),
                            rs.getObject(6, LocalDate.class), added.isAfter(accountAdded.plusDays(7)) ? added : null));
                }));
        return contacts;
    }

    /** The day of the last call, meeting or email logged by the end of the day. */
    public Map<Long, LocalDate> lastEngagement(AccountSet accounts, LocalDate day) {
        return lastEntry(accounts, day, "kind in ('CALL', 'MEETING', 'EMAIL')");
    }

    /** The day of the last QBR or EBR meeting logged by the end of the day. */
    public Map<Long, LocalDate> lastBusinessReview(AccountSet accounts, LocalDate day) {
        return lastEntry(accounts, day, "kind = 'MEETING' and meeting_type in ('QBR', 'EBR')");
    }

    /** The day of the last executive business review logged by the end of the day. */
    public Map<Long, LocalDate> lastExecutiveReview(AccountSet accounts, LocalDate day) {
        return lastEntry(accounts, day, "kind = 'MEETING' and meeting_type = 'EBR'");
    }

    /** The day of the last kickoff meeting logged by the end of the day. */
    public Map<Long, LocalDate> lastKickoff(AccountSet accounts, LocalDate day) {
        return lastEntry(accounts, day, "kind = 'MEETING' and meeting_type = 'KICKOFF'");
    }

    private Map<Long, LocalDate> lastEntry(AccountSet accounts, LocalDate day, String condition) {
        Map<Long, LocalDate> last = new HashMap<>();
        accounts.inParts(part -> jdbc.sql("select account_id, max(occurred_at) from timeline_entry where " + condition
                + " and occurred_at < ?" + part.where("account_id") + " group by account_id")
                .params(part.params(day.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC))).query(rs -> {
                    last.put(rs.getLong(1), dayOf(rs.getObject(2, OffsetDateTime.class)));
                }));
        return last;
    }

    private static LocalDate dayOf(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    }
}
