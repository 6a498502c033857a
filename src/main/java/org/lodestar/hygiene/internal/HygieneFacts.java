package org.lodestar.hygiene.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lodestar.accounts.StakeholderRole;
import org.lodestar.hygiene.Finding;

/**
 * What the checks read, gathered from the modules that own it: the accounts looked at, each with the CRM's view and
 * the contracts' view of it, its usage and contacts; every account of the book by name and domain ({@code peers}, for
 * duplicates) and every stakeholder address; and every imported table of stated figures. Pure data.
 */
public record HygieneFacts(LocalDate today, List<AccountFacts> accounts, List<Peer> peers, List<Address> addresses,
        List<StatedTable> tables) {

    /** Facts of the whole book: the accounts looked at are all the peers. */
    public HygieneFacts(LocalDate today, List<AccountFacts> accounts, List<Address> addresses, List<StatedTable> tables) {
        this(today, accounts, accounts.stream().map(a -> new Peer(a.subject(), a.domain())).toList(), addresses, tables);
    }

    /** An account of the book by name and domain. */
    public record Peer(Finding.Subject subject, String domain) {
    }

    /**
     * One account.
     *
     * @param crm what the CRM export said (null when it said nothing)
     * @param contracts every contract with its term and what runs on it today
     * @param lastUsage the last day with usage events (null: none), possibly in the future when a source mis-dates
     * @param activeUsers distinct people active over the usage window
     * @param lastContact the last call, meeting or email logged up to today (null: none)
     * @param latestEntry the latest timeline entry of any kind, future ones included
     * @param rolesInPlace the stakeholder roles held by an active contact today
     * @param latestElsewhere the latest day of other records of past events, by what they are ("support ticket",
     *        "survey answer"), future ones included
     */
    public record AccountFacts(Finding.Subject subject, String domain, boolean churned, LocalDate createdOn, CrmView crm,
            List<Contract> contracts, LocalDate lastUsage, long activeUsers, LocalDate lastContact, LocalDate latestEntry,
            Set<StakeholderRole> rolesInPlace, Map<String, LocalDate> latestElsewhere) {

        /** An account with no other records of past events. */
        public AccountFacts(Finding.Subject subject, String domain, boolean churned, LocalDate createdOn, CrmView crm,
                List<Contract> contracts, LocalDate lastUsage, long activeUsers, LocalDate lastContact, LocalDate latestEntry,
                Set<StakeholderRole> rolesInPlace) {
            this(subject, domain, churned, createdOn, crm, contracts, lastUsage, activeUsers, lastContact, latestEntry,
                    rolesInPlace, Map.of());
        }

        public long id() {
            return subject.id();
        }

        public List<Contract> running(LocalDate day) {
            return contracts.stream().filter(c -> c.runsOn(day)).toList();
        }
    }

    /** What the CRM export stated about the account: each null when not stated. */
    public record CrmView(LocalDate renewalDate, BigDecimal arr, Integer seats, String source) {
    }

    /** A contract: its term, and the seats and ARR of its lines running today. */
    public record Contract(String id, LocalDate start, LocalDate end, long seats, BigDecimal arr) {

        public boolean runsOn(LocalDate day) {
            return !start.isAfter(day) && (end == null || end.isAfter(day));
        }
    }

    /** A stakeholder's address on an account. */
    public record Address(Finding.Subject account, String email, String name) {
    }
}
