package org.lodestar.hygiene.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lodestar.accounts.StakeholderRole;
import org.lodestar.hygiene.Finding;
import org.lodestar.hygiene.FindingKind;
import org.lodestar.hygiene.FindingSeverity;
import org.lodestar.hygiene.internal.HygieneFacts.AccountFacts;
import org.lodestar.hygiene.internal.HygieneFacts.Contract;
import org.lodestar.hygiene.internal.HygieneFacts.CrmView;

import static org.assertj.core.api.Assertions.assertThat;

/** Each check on hand-built facts, on 2026-12-07: what it finds, with which values, and that clean data finds nothing. */
class CheckTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    private static final Set<StakeholderRole> BOTH = EnumSet.of(StakeholderRole.ECONOMIC_SPONSOR, StakeholderRole.CHAMPION);

    /** A clean, owned, recently used and contacted account under one contract (2026-01-01 to 2027-01-01, 20 seats, 12,000). */
    private static AccountFacts anAccount(long id, String name) {
        return new AccountFacts(new Finding.Subject(id, name, "maya@example.com"), name.toLowerCase().replace(' ', '-') + ".com",
                false, LocalDate.of(2025, 1, 1), null,
                List.of(new Contract("sub-" + id, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), 20, new BigDecimal("12000"))),
                TODAY.minusDays(1), 15, TODAY.minusDays(10), TODAY.minusDays(10), BOTH);
    }

    private static HygieneFacts book(AccountFacts... accounts) {
        return new HygieneFacts(TODAY, List.of(accounts), List.of(), List.of());
    }

    private static List<Finding> run(Check check, HygieneFacts facts) {
        return check.evaluate(facts);
    }

    @Test
    void aCleanBookHasNoFinding() {
        assertThat(Check.run(Check.all(HygieneSettings.defaults()), book(anAccount(1, "Acme"), anAccount(2, "Globex")))).isEmpty();
    }

    @Test
    void theCrmRenewalDateArrAndSeatsAreComparedWithTheRunningContract() {
        AccountFacts a = with(anAccount(1, "Acme"), new CrmView(LocalDate.of(2027, 3, 31), new BigDecimal("15000"), 25, "crm.csv"));
        List<Finding> renewal = run(new Check.RenewalDateDisagrees(), book(a));
        assertThat(renewal).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.RENEWAL_DATE_DISAGREES);
            assertThat(f.severity()).isEqualTo(FindingSeverity.HIGH);
            assertThat(f.accounts()).extracting(Finding.Subject::id).containsExactly(1L);
            assertThat(f.values()).isEqualTo(Map.of("crm", "2027-03-31", "contract", "2027-01-01"));
            assertThat(f.sources()).containsExactly("CRM import crm.csv", "contract sub-1");
            // 2027-01-01 to 2027-03-31: 31 + 28 + 31 − 1 = 89 days.
            assertThat(f.summary()).contains("89 days apart");
        });
        assertThat(run(new Check.ArrDisagrees(BigDecimal.ONE), book(a))).singleElement()
                .satisfies(f -> assertThat(f.values()).containsEntry("crm", "15000.00").containsEntry("line items", "12000.00")
                        .containsEntry("difference", "3000.00"));
        assertThat(run(new Check.SeatsDisagree(), book(a))).singleElement()
                .satisfies(f -> assertThat(f.values()).containsEntry("crm", "25").containsEntry("contracted", "20"));
        // Agreeing within the tolerance (rounding) and on the day is no finding.
        AccountFacts agreeing = with(anAccount(1, "Acme"), new CrmView(LocalDate.of(2027, 1, 1), new BigDecimal("12000.60"), 20,
                "crm.csv"));
        assertThat(Check.run(Check.all(HygieneSettings.defaults()), book(agreeing))).isEmpty();
    }

    @Test
    void duplicatesByNameSetAsideLegalFormsAndByDomain() {
        AccountFacts acme = anAccount(1, "Acme Corp.");
        AccountFacts acme2 = anAccount(2, "ACME, Inc");
        AccountFacts globex = anAccount(3, "Globex");
        AccountFacts globexUk = new AccountFacts(new Finding.Subject(4, "Globex UK", "maya@example.com"), "www.GLOBEX.com",
                false, LocalDate.of(2025, 1, 1), null, globex.contracts(), TODAY, 1, TODAY, TODAY, BOTH);
        List<Finding> found = run(new Check.DuplicateAccounts(), book(acme, acme2, globex, globexUk));
        assertThat(found).extracting(f -> f.accounts().stream().map(Finding.Subject::id).toList())
                .containsExactly(List.of(1L, 2L), List.of(3L, 4L));
        assertThat(found.getFirst().summary()).isEqualTo("2 accounts share the name 'acme': Acme Corp., ACME, Inc.");
        // Two companies that share a first word are not one: generic words stay.
        assertThat(run(new Check.DuplicateAccounts(), book(anAccount(5, "Sutton Networks"), anAccount(6, "Sutton Consulting"),
                anAccount(7, "Acme"), anAccount(8, "Acme Inc.")))).singleElement()
                .satisfies(f -> assertThat(f.summary()).isEqualTo("2 accounts share the name 'acme': Acme, Acme Inc."));
    }

    @Test
    void oneEmailOnTwoAccounts() {
        Finding.Subject acme = new Finding.Subject(1, "Acme", null);
        Finding.Subject globex = new Finding.Subject(2, "Globex", null);
        HygieneFacts facts = new HygieneFacts(TODAY, List.of(), List.of(new HygieneFacts.Address(acme, "Jo@x.com", "Jo"),
                new HygieneFacts.Address(globex, "jo@x.com", "Jo X"), new HygieneFacts.Address(acme, "ann@x.com", "Ann")), List.of());
        assertThat(run(new Check.ContactInTwoAccounts(), facts)).singleElement()
                .satisfies(f -> assertThat(f.accounts()).containsExactly(acme, globex));
    }

    @Test
    void impossibleValues() {
        AccountFacts noContract = contracts(anAccount(1, "Acme"), List.of());
        AccountFacts backwards = contracts(anAccount(2, "Globex"), List.of(new Contract("sub-9", LocalDate.of(2026, 6, 1),
                LocalDate.of(2026, 5, 1), 10, BigDecimal.TEN)));
        AccountFacts zeroSeats = contracts(anAccount(3, "Initech"), List.of(new Contract("sub-3", LocalDate.of(2026, 1, 1),
                null, 0, BigDecimal.TEN)));
        AccountFacts future = new AccountFacts(new Finding.Subject(4, "Umbrella", "maya@example.com"), null, false,
                LocalDate.of(2025, 1, 1), null, anAccount(4, "x").contracts(), TODAY.plusDays(3), 2, TODAY.minusDays(1),
                TODAY.plusDays(40), BOTH);
        HygieneFacts facts = book(noContract, backwards, zeroSeats, future);
        assertThat(run(new Check.UsageWithoutContract(30), facts)).extracting(f -> f.accounts().getFirst().id())
                .containsExactly(1L, 2L);
        assertThat(run(new Check.ContractEndsBeforeStart(), facts)).singleElement()
                .satisfies(f -> assertThat(f.values()).isEqualTo(Map.of("start", "2026-06-01", "end", "2026-05-01")));
        assertThat(run(new Check.ZeroSeatsWithUsers(), facts)).singleElement()
                .satisfies(f -> assertThat(f.values()).containsEntry("active users", "15"));
        assertThat(run(new Check.FutureDates(), facts)).extracting(f -> f.values().values().iterator().next())
                .containsExactly("2026-12-10", "2027-01-16");

        // A ticket opened tomorrow and a survey answered today (not after it): only the ticket.
        AccountFacts misdated = new AccountFacts(new Finding.Subject(5, "Hooli", "maya@example.com"), null, false,
                LocalDate.of(2025, 1, 1), null, anAccount(5, "x").contracts(), TODAY.minusDays(1), 2, TODAY.minusDays(1),
                TODAY.minusDays(1), BOTH, Map.of("support ticket", TODAY.plusDays(1), "survey answer", TODAY));
        assertThat(run(new Check.FutureDates(), book(misdated))).singleElement().satisfies(f -> {
            assertThat(f.values()).isEqualTo(Map.of("support ticket day", "2026-12-08", "today", "2026-12-07"));
            assertThat(f.sources()).containsExactly("support tickets");
        });
    }

    @Test
    void staleDataAndMissingPeopleSkipChurnedAccounts() {
        AccountFacts quiet = new AccountFacts(new Finding.Subject(1, "Acme", null), null, false, LocalDate.of(2025, 1, 1), null,
                anAccount(1, "x").contracts(), TODAY.minusDays(31), 0, TODAY.minusDays(61), TODAY.minusDays(61),
                EnumSet.of(StakeholderRole.CHAMPION));
        AccountFacts justInside = new AccountFacts(new Finding.Subject(2, "Globex", "maya@example.com"), null, false,
                LocalDate.of(2025, 1, 1), null, anAccount(2, "x").contracts(), TODAY.minusDays(30), 0, TODAY.minusDays(60),
                TODAY.minusDays(60), BOTH);
        AccountFacts churned = new AccountFacts(new Finding.Subject(3, "Old", null), null, true, LocalDate.of(2020, 1, 1), null,
                List.of(), null, 0, null, null, Set.of());
        HygieneFacts facts = book(quiet, justInside, churned);
        assertThat(run(new Check.StaleUsage(30), facts)).extracting(f -> f.accounts().getFirst().id()).containsExactly(1L);
        assertThat(run(new Check.StaleContact(60), facts)).extracting(f -> f.accounts().getFirst().id()).containsExactly(1L);
        assertThat(run(new Check.MissingOwner(), facts)).extracting(f -> f.accounts().getFirst().id()).containsExactly(1L);
        assertThat(run(new Check.MissingRole(StakeholderRole.ECONOMIC_SPONSOR), facts)).singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(FindingKind.MISSING_SPONSOR));
        assertThat(run(new Check.MissingRole(StakeholderRole.CHAMPION), facts)).isEmpty();
    }

    @Test
    void statedFiguresNameTheTableTheLineAndTheRightFigure() {
        HygieneFacts facts = new HygieneFacts(TODAY, List.of(), List.of(), List.of(new StatedTable("mau.csv",
                "month,users,growth\njan,100,\nfeb,150,40%\ntotal,250,\n", "2026-12-01")));
        // 100 → 150 is +50.0 %, stated 40 %; the total 250 is right.
        assertThat(run(new Check.StatedFigures(), facts)).singleElement().satisfies(f -> {
            assertThat(f.records()).containsExactly("mau.csv line 3, growth");
            assertThat(f.values()).containsEntry("stated", "40%").containsEntry("computed", "50.0%").containsEntry("row", "feb");
            assertThat(f.accounts()).isEmpty();
        });
    }

    private static AccountFacts with(AccountFacts a, CrmView crm) {
        return new AccountFacts(a.subject(), a.domain(), a.churned(), a.createdOn(), crm, a.contracts(), a.lastUsage(),
                a.activeUsers(), a.lastContact(), a.latestEntry(), a.rolesInPlace());
    }

    private static AccountFacts contracts(AccountFacts a, List<Contract> contracts) {
        return new AccountFacts(a.subject(), a.domain(), a.churned(), a.createdOn(), a.crm(), new ArrayList<>(contracts),
                a.lastUsage(), a.activeUsers(), a.lastContact(), a.latestEntry(), a.rolesInPlace());
    }
}
