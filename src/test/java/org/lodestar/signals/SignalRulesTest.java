package org.lodestar.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lodestar.accounts.CoverageModel;
import org.lodestar.accounts.LifecycleStage;
import org.lodestar.accounts.StakeholderRole;
import org.lodestar.config.ConfigFile;
import org.lodestar.health.Band;
import org.lodestar.infrastructure.Labels;
import org.lodestar.support.TicketPriority;

/**
 * Each rule kind on crafted facts at a chosen day (2026-06-30), with the sentence it writes worked out by
 * hand; and the shipped rules firing exactly the expected signals on a crafted account.
 */
class SignalRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 30);

    static List<SignalRule> rules(String yaml) {
        return new SignalRuleReader().readAll(List.of(new ConfigFile("rules.yaml", "rules.yaml", yaml)));
    }

    /** A quiet, healthy account: nothing fires on it. Tests change one fact at a time. */
    static final class Facts {
        BigDecimal score = new BigDecimal("82.0");
        String band = "green";
        Map<Integer, String> bandsAgo = new HashMap<>(Map.of(7, "green"));
        Map<Integer, AccountFacts.Usage> usage = new HashMap<>(Map.of(30, new AccountFacts.Usage(1000, 1000)));
        boolean tracked = true;
        LocalDate lastActive = TODAY;
        List<AccountFacts.Contact> contacts = List.of(new AccountFacts.Contact(1, "Ana Sponsor",
                StakeholderRole.ECONOMIC_SPONSOR, true, null, TODAY.minusYears(1)));
        List<AccountFacts.Answer> answers = List.of();
        List<AccountFacts.Ticket> tickets = List.of();
        List<AccountFacts.Bill> bills = List.of();
        Long activeUsers = 8L;
        Long seats = 10L;
        Long modulesUsed = 1L;
        Long modulesUsedBefore = 1L;
        Long modulesContracted = 2L;
        AccountFacts.Renewal renewal = new AccountFacts.Renewal("ACME-1", TODAY.plusDays(200), new BigDecimal("48000.00"));
        String stage = "mature";
        String coverage = "tech-touch";
        LocalDate lastReview = TODAY.minusDays(30);
        LocalDate lastEbr = null;
        String segment = "enterprise";
        LocalDate since = TODAY.minusYears(2);
        boolean kickoff = true;
        Map<String, LocalDate> features = Map.of();
        List<AccountFacts.Milestone> milestones = List.of();
        Integer hygieneScore;

        AccountFacts build() {
            Map<Integer, Band> bandsThen = new HashMap<>();
            bandsAgo.forEach((days, text) -> bandsThen.put(days, Band.parse(text)));
            return new AccountFacts(7, "Acme", segment, Labels.parse(LifecycleStage.class, stage),
                    Labels.parse(CoverageModel.class, coverage), new BigDecimal("48000.00"), score, band == null ? null
                            : Band.parse(band), bandsThen, usage, tracked, lastActive, contacts, answers, tickets, bills, Map.of(30, activeUsers), seats, modulesUsed,
                    modulesUsedBefore, modulesContracted, renewal, since, kickoff, lastReview, lastEbr, features, milestones,
                    hygieneScore);
        }
    }

    static final List<SignalRule> SHIPPED = SignalConfiguration.read(null);

    private static List<Detected> fire(Facts facts) {
        return SignalRules.evaluate(SHIPPED, facts.build(), TODAY);
    }

    @Test
    void aQuietHealthyAccountFiresNothing() {
        assertThat(fire(new Facts())).isEmpty();
    }

    @Test
    void healthBelowItsThresholdAndABandDrop() {
        Facts f = new Facts();
        f.score = new BigDecimal("48.5");
        f.band = "red";
        assertThat(fire(f)).extracting(Detected::causeKey, Detected::summary).containsExactly(
                org.assertj.core.groups.Tuple.tuple("health-red", "Health is 48.5 (red), below 60."),
                org.assertj.core.groups.Tuple.tuple("band-drop:green-red", "Health fell from green to red within 7 days (score 48.5)."));
    }

    /** 30 days: 650 events against 1,000 before = −35.0%, past the 30% threshold; 710 (−29%) is not. */
    @Test
    void usageDropByPercentOverTheWindow() {
        Facts f = new Facts();
        f.usage.put(30, new AccountFacts.Usage(650, 1000));
        assertThat(fire(f)).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("usage-drop");
            assertThat(d.summary()).isEqualTo("Usage fell 35% over 30 days (650 events against 1,000 in the 30 days before).");
            assertThat(d.data()).containsEntry("changePercent", new BigDecimal("-35.0"));
        });
        f.usage.put(30, new AccountFacts.Usage(710, 1000));
        assertThat(fire(f)).isEmpty();
    }

    /** Last active 14 days ago fires (14 ≥ 14); 13 days does not; an account never tracked never fires. */
    @Test
    void noActiveUserForTheDays() {
        Facts f = new Facts();
        f.lastActive = TODAY.minusDays(14);
        assertThat(fire(f)).extracting(Detected::summary).containsExactly("No active user for 14 days (last active 2026-06-16).");
        f.lastActive = TODAY.minusDays(13);
        assertThat(fire(f)).isEmpty();
        f.tracked = false;
        f.lastActive = null;
        assertThat(fire(f)).isEmpty();
    }

    @Test
    void aSponsorWhoLeftWithinNinetyDaysAndANewOne() {
        Facts f = new Facts();
        f.contacts = List.of(
                new AccountFacts.Contact(1, "Ana Sponsor", StakeholderRole.ECONOMIC_SPONSOR, false, TODAY.minusDays(20),
                        TODAY.minusYears(1)),
                new AccountFacts.Contact(2, "Ben Old", StakeholderRole.CHAMPION, false, TODAY.minusDays(91), TODAY.minusYears(1)),
                new AccountFacts.Contact(3, "Cy New", StakeholderRole.ECONOMIC_SPONSOR, true, null, TODAY.minusDays(5)),
                new AccountFacts.Contact(4, "Di User", StakeholderRole.USER, false, TODAY.minusDays(2), TODAY.minusYears(1)));
        assertThat(fire(f)).extracting(Detected::causeKey, Detected::summary).containsExactly(
                org.assertj.core.groups.Tuple.tuple("sponsor-left:contact:1", "Economic sponsor Ana Sponsor left on 2026-06-10."),
                org.assertj.core.groups.Tuple.tuple("new-sponsor:contact:3", "New economic sponsor Cy New since 2026-06-25."));
    }

    @Test
    void detractorsTicketsAndLateInvoices() {
        Facts f = new Facts();
        f.answers = List.of(new AccountFacts.Answer(31, 3, TODAY.minusDays(4), "ops@acme.test", "Exports keep failing"),
                new AccountFacts.Answer(32, 7, TODAY.minusDays(3), "cto@acme.test", null),
                new AccountFacts.Answer(33, 2, TODAY.minusDays(31), "old@acme.test", null));
        f.tickets = List.of(new AccountFacts.Ticket(41, "ZD-41", "Export fails", TicketPriority.URGENT, TODAY.minusDays(2)),
                new AccountFacts.Ticket(42, "ZD-42", null, TicketPriority.NORMAL, TODAY.minusDays(9)),
                new AccountFacts.Ticket(43, "ZD-43", null, TicketPriority.LOW, TODAY.minusDays(5)),
                new AccountFacts.Ticket(44, "ZD-44", null, TicketPriority.HIGH, TODAY.minusDays(1)));
        f.bills = List.of(new AccountFacts.Bill(51, "INV-51", TODAY.minusDays(16), new BigDecimal("1200.50"), "USD"),
                new AccountFacts.Bill(52, "INV-52", TODAY.minusDays(14), new BigDecimal("99.00"), "USD"));
        assertThat(fire(f)).extracting(Detected::summary).containsExactly(
                "ops@acme.test answered NPS 3 on 2026-06-26: \"Exports keep failing\"",
                "4 unresolved tickets (more than 3), the oldest open since 2026-06-21.",
                "Urgent ticket ZD-41 open since 2026-06-28: Export fails.",
                "Invoice INV-51 is 16 days overdue (1,200.50 USD open).");
    }

    /** 12 active users on 10 seats = 120.0% > 100%; 2 of 2 modules = 100% depth, reached this month (1 of 2 before). */
    @Test
    void expansionSignsFromUtilisationAndDepth() {
        Facts f = new Facts();
        f.activeUsers = 12L;
        f.modulesUsed = 2L;
        assertThat(fire(f)).extracting(Detected::summary).containsExactly(
                "Licence utilisation 120% (12 active users in 30 days on 10 seats).",
                "Adoption depth reached 100%: 2 of 2 contracted modules in use, up from 50%.");
        f.modulesUsedBefore = 2L;
        f.activeUsers = 8L;
        assertThat(fire(f)).as("already that deep a month ago").isEmpty();
        f.modulesUsedBefore = 0L;
        assertThat(fire(f)).as("from no module in use: a start, not growth").isEmpty();
        f.modulesUsedBefore = 1L;
        f.since = TODAY.minusDays(59);
        assertThat(fire(f)).as("a customer for less than the two windows: still onboarding").isEmpty();
        f.since = TODAY.minusDays(60);
        assertThat(fire(f)).extracting(Detected::summary).containsExactly(
                "Adoption depth reached 100%: 2 of 2 contracted modules in use, up from 50%.");
    }

    /** A rule can read utilisation over its own window; the figure is the usage module's (users over seats, as a percent). */
    @Test
    void utilisationReadsTheRulesWindowWithTheUsageModulesArithmetic() {
        SignalRule weekly = SignalConfiguration.read(null).stream().filter(r -> r.kind() == SignalKind.OVER_UTILISATION)
                .findFirst().orElseThrow();
        SignalRule rule = new SignalRule(weekly.key(), weekly.kind(), weekly.category(), weekly.severity(), weekly.description(),
                weekly.threshold(), 7, weekly.until(), weekly.completeDays(), weekly.roles(), weekly.features(), weekly.cadence(),
                weekly.segments(), weekly.heldWithin(), weekly.escalates(),
                weekly.file());
        Facts f = new Facts();
        f.activeUsers = 3L;
        AccountFacts facts = f.build();
        AccountFacts withWeek = new AccountFacts(facts.accountId(), facts.name(), facts.segment(), facts.stage(), facts.coverage(),
                facts.arr(), facts.healthScore(), facts.band(), facts.bandDaysAgo(), facts.usage(), facts.tracked(),
                facts.lastActive(), facts.contacts(), facts.answers(), facts.openTickets(), facts.unpaidBills(),
                Map.of(30, 3L, 7, 11L), facts.seats(), facts.modulesUsed30(), facts.modulesUsedBefore30(),
                facts.modulesContracted(), facts.renewal(), facts.customerSince(), facts.kickoffLogged(),
                facts.lastBusinessReview(), facts.lastExecutiveReview(), facts.featuresLastUsed(), facts.openMilestones(),
                facts.hygieneScore());
        assertThat(SignalRules.evaluate(List.of(rule), withWeek, TODAY)).extracting(Detected::summary)
                .containsExactly("Licence utilisation 110% (11 active users in 7 days on 10 seats).");
        assertThat(SignalRules.evaluate(List.of(weekly), withWeek, TODAY)).isEmpty();
    }

    /** Each renewal window fires alone: 95 days left is T-120 (90 < 95 ≤ 120), 90 is T-90, 31 is T-60, 30 is T-30. */
    @Test
    void renewalWindowsFireOneAtATime() {
        Facts f = new Facts();
        f.lastEbr = TODAY.minusDays(10); // an enterprise account that held its EBR: only the renewal windows fire
        int[][] cases = { { 121 }, { 95 }, { 90 }, { 61 }, { 31 }, { 30 }, { 1 }, { 0 } };
        String[] expected = { null, "renewal-t120", "renewal-t90", "renewal-t90", "renewal-t60", "renewal-t30", "renewal-t30", null };
        for (int i = 0; i < cases.length; i++) {
            f.renewal = new AccountFacts.Renewal("ACME-1", TODAY.plusDays(cases[i][0]), new BigDecimal("48000.00"));
            List<String> fired = fire(f).stream().map(Detected::rule).toList();
            assertThat(fired).as("%d days left", cases[i][0]).isEqualTo(expected[i] == null ? List.of() : List.of(expected[i]));
        }
        f.renewal = new AccountFacts.Renewal("ACME-1", TODAY.plusDays(88), new BigDecimal("48000.00"));
        assertThat(fire(f)).singleElement().satisfies(d -> {
            assertThat(d.causeKey()).isEqualTo("renewal-t90:ACME-1:2026-09-26");
            assertThat(d.summary()).isEqualTo("Renews in 88 days, on 2026-09-26: 48,000 ARR (contract ACME-1).");
        });
    }

    /**
     * The onboarding-deadline kind, no longer shipped (success-plan milestones took its place) but still configurable:
     * started 10 days ago, no kickoff after 7 days; at 50 days, still onboarding after 45.
     */
    @Test
    void onboardingDeadlinesWhenConfigured() {
        List<SignalRule> deadlines = rules("""
                rules:
                  - key: onboarding-late
                    kind: onboarding-overdue
                    kickoff-within: 7d
                    complete-within: 45d
                    description: No kickoff a week after the contract started, or still onboarding after 45 days.
                """);
        Facts f = new Facts();
        f.stage = "onboarding";
        f.since = TODAY.minusDays(10);
        f.kickoff = false;
        assertThat(SignalRules.evaluate(deadlines, f.build(), TODAY)).extracting(Detected::causeKey)
                .containsExactly("onboarding-late:kickoff");
        assertThat(fire(f)).extracting(Detected::causeKey).as("the shipped rules: a new customer, no plan, nothing overdue")
                .containsExactly("new-customer:2026-06-20");
        f.kickoff = true;
        f.since = TODAY.minusDays(50);
        assertThat(SignalRules.evaluate(deadlines, f.build(), TODAY)).extracting(Detected::summary)
                .containsExactly("Still onboarding 50 days after the contract started on 2026-05-11 (due within 45 days).");
    }

    /** A milestone due yesterday fires (one day late); one due today does not, nor one done (not among the open). */
    @Test
    void aSuccessPlanMilestonePastItsDueDayFires() {
        Facts f = new Facts();
        f.milestones = List.of(new AccountFacts.Milestone(41, "Admins trained", "30-day SMB onboarding", TODAY.minusDays(1)),
                new AccountFacts.Milestone(42, "First value", "30-day SMB onboarding", TODAY),
                new AccountFacts.Milestone(43, "Renewal commitment", "90-day rescue", LocalDate.of(2026, 6, 1)));
        assertThat(fire(f)).extracting(Detected::causeKey, Detected::summary).containsExactly(
                org.assertj.core.groups.Tuple.tuple("onboarding-overdue:milestone:41",
                        "Milestone 'Admins trained' of the plan 30-day SMB onboarding was due on 2026-06-29, 1 day ago."),
                org.assertj.core.groups.Tuple.tuple("onboarding-overdue:milestone:43",
                        "Milestone 'Renewal commitment' of the plan 90-day rescue was due on 2026-06-01, 29 days ago."));
    }

    /**
     * Each coverage model at its own cadence (high-touch 90 days, tech-touch 180, digital none): a QBR 91 days ago is due
     * for a high-touch customer (before 2026-04-01), one 90 days ago is not; a tech-touch customer is due only after 180.
     */
    @Test
    void aBusinessReviewIsDueAtTheCadenceOfTheCoverageModel() {
        Facts f = new Facts();
        f.lastReview = TODAY.minusDays(91);
        assertThat(fire(f)).as("tech-touch at 91 days").isEmpty();
        f.coverage = "high-touch";
        assertThat(fire(f)).extracting(Detected::causeKey, Detected::summary).containsExactly(org.assertj.core.groups.Tuple.tuple(
                "qbr-due:2026-03-31", "Last business review on 2026-03-31, more than 90 days ago (every 90 days for high-touch customers)."));
        f.lastReview = TODAY.minusDays(90);
        assertThat(fire(f)).isEmpty();
        f.lastReview = null;
        assertThat(fire(f)).extracting(Detected::category).containsExactly(SignalCategory.QBR);
        f.coverage = "tech-touch";
        f.lastReview = TODAY.minusDays(180);
        assertThat(fire(f)).as("tech-touch at 180 days").isEmpty();
        f.lastReview = TODAY.minusDays(181);
        assertThat(fire(f)).extracting(Detected::causeKey, Detected::summary).containsExactly(org.assertj.core.groups.Tuple.tuple(
                "qbr-due:2025-12-31", "Last business review on 2025-12-31, more than 180 days ago (every 180 days for tech-touch customers)."));
        f.coverage = "digital";
        f.lastReview = null;
        assertThat(fire(f)).as("digital: no cadence").isEmpty();
    }

    /**
     * An enterprise renewal 100 days out (2026-10-08) wants an EBR held within the 180 days before it, from 2026-04-11:
     * none, or one on 2026-04-10, fires; one on 2026-04-11 does not; nor a renewal 121 days out, nor a mid-market account.
     */
    @Test
    void anExecutiveReviewIsDueBeforeAnEnterpriseRenewal() {
        Facts f = new Facts();
        f.renewal = new AccountFacts.Renewal("ACME-1", TODAY.plusDays(100), new BigDecimal("48000.00"));
        assertThat(ebr(f)).extracting(Detected::causeKey, Detected::summary, Detected::category).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ebr-due:renewal:2026-10-08", "Renews on 2026-10-08 (100 days) with no executive "
                        + "business review since 2026-04-11; none logged yet.", SignalCategory.QBR));
        f.lastEbr = LocalDate.of(2026, 4, 10);
        assertThat(ebr(f)).extracting(Detected::summary).containsExactly("Renews on 2026-10-08 (100 days) with no executive "
                + "business review since 2026-04-11; the last was on 2026-04-10.");
        f.lastEbr = LocalDate.of(2026, 4, 11);
        assertThat(ebr(f)).isEmpty();
        f.lastEbr = null;
        f.renewal = new AccountFacts.Renewal("ACME-1", TODAY.plusDays(121), new BigDecimal("48000.00"));
        assertThat(ebr(f)).as("121 days out").isEmpty();
        f.renewal = new AccountFacts.Renewal("ACME-1", TODAY.plusDays(120), new BigDecimal("48000.00"));
        assertThat(ebr(f)).as("120 days out").hasSize(1);
        f.segment = "mid-market";
        assertThat(ebr(f)).as("mid-market").isEmpty();
    }

    private static List<Detected> ebr(Facts facts) {
        return fire(facts).stream().filter(d -> d.rule().equals("ebr-due")).toList();
    }

    @Test
    void aRetiringFeatureInUse() {
        Facts f = new Facts();
        f.features = Map.of("Legacy Export", TODAY.minusDays(29));
        assertThat(fire(f)).extracting(Detected::causeKey, Detected::category).containsExactly(
                org.assertj.core.groups.Tuple.tuple("deprecated-feature:feature:Legacy Export", SignalCategory.OTHER));
        f.features = Map.of("Legacy Export", TODAY.minusDays(30));
        assertThat(fire(f)).isEmpty();
    }

    @Test
    void rulesComeFromConfigurationWithTheirOwnSettings() {
        List<SignalRule> custom = rules("""
                rules:
                  - key: deep-red
                    kind: health-below
                    threshold: 40
                    severity: high
                  - key: quiet-week
                    kind: no-active-user
                    days: 7d
                    category: other
                """);
        Facts f = new Facts();
        f.score = new BigDecimal("45");
        f.lastActive = TODAY.minusDays(8);
        assertThat(SignalRules.evaluate(custom, f.build(), TODAY)).extracting(Detected::rule, Detected::category)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("quiet-week", SignalCategory.OTHER));
    }

    @Test
    void aDataHygieneScoreUnderTheShippedThresholdFiresForCsOps() {
        Facts f = new Facts();
        f.hygieneScore = 65;
        assertThat(fire(f)).filteredOn(d -> d.rule().equals("data-hygiene")).extracting(Detected::summary)
                .containsExactly("Data hygiene score is 65, below 70: see the findings on the Data hygiene page.");
        f.hygieneScore = 70;
        assertThat(fire(f)).extracting(Detected::rule).doesNotContain("data-hygiene");
        f.hygieneScore = null;
        assertThat(fire(f)).extracting(Detected::rule).doesNotContain("data-hygiene");
    }
}
