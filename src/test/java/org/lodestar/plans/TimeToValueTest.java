package org.lodestar.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lodestar.plans.TimeToValue.Account;
import org.lodestar.plans.TimeToValue.Group;
import org.lodestar.plans.TimeToValue.ValueMilestone;

/** Time-to-value figures against hand-computed medians and p75s (nearest rank). */
class TimeToValueTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    private static Account reached(String name, String segment, LocalDate kickoff, int days) {
        return new Account(name.hashCode(), name, segment, null, null, kickoff, kickoff.plusDays(days));
    }

    private static Account open(String name, String segment, LocalDate kickoff) {
        return new Account(name.hashCode(), name, segment, null, null, kickoff, null);
    }

    @Test
    void percentilesAreByNearestRank() {
        assertThat(TimeToValue.percentile(List.of(), 50)).isNull();
        assertThat(TimeToValue.percentile(List.of(12), 50)).isEqualTo(12);
        assertThat(TimeToValue.percentile(List.of(12), 75)).isEqualTo(12);
        // n = 4: median at ⌈2⌉ = 2nd, p75 at ⌈3⌉ = 3rd.
        assertThat(TimeToValue.percentile(List.of(10, 20, 30, 40), 50)).isEqualTo(20);
        assertThat(TimeToValue.percentile(List.of(10, 20, 30, 40), 75)).isEqualTo(30);
        // n = 5: median at ⌈2.5⌉ = 3rd, p75 at ⌈3.75⌉ = 4th.
        assertThat(TimeToValue.percentile(List.of(5, 8, 13, 21, 34), 50)).isEqualTo(13);
        assertThat(TimeToValue.percentile(List.of(5, 8, 13, 21, 34), 75)).isEqualTo(21);
        // n = 2: median 1st, p75 at ⌈1.5⌉ = 2nd.
        assertThat(TimeToValue.percentile(List.of(7, 9), 50)).isEqualTo(7);
        assertThat(TimeToValue.percentile(List.of(7, 9), 75)).isEqualTo(9);
    }

    @Test
    void aGroupCountsReachedAndOpenAndChasesTheOpenPastTheMedian() {
        LocalDate oct1 = LocalDate.of(2026, 10, 1);
        List<Account> smb = List.of(reached("A", "smb", oct1, 18), reached("B", "smb", oct1, 30), reached("C", "smb", oct1, 12),
                reached("D", "smb", oct1, 45),
                // Open since 1 Nov: 36 days today; since 1 Dec: 6 days.
                open("E", "smb", LocalDate.of(2026, 11, 1)), open("F", "smb", LocalDate.of(2026, 12, 1)));
        Group group = TimeToValue.group("smb", smb, TODAY);
        // Reached: 12, 18, 30, 45 → median 18 (2nd), p75 30 (3rd). Open 36 and 6: oldest 36, one past the median.
        assertThat(group).isEqualTo(new Group("smb", 6, 4, 2, 18, 30, 36, 1));
        assertThat(TimeToValue.longestOpen(smb, TODAY, 10)).extracting(TimeToValue.Row::name, TimeToValue.Row::days)
                .containsExactly(tuple("E", 36), tuple("F", 6));
    }

    @Test
    void aGroupWithNobodyThereYetHasNoMedian() {
        Group group = TimeToValue.group("smb", List.of(open("E", "smb", LocalDate.of(2026, 11, 27))), TODAY);
        assertThat(group).isEqualTo(new Group("smb", 1, 0, 1, null, null, 10, 0));
    }

    @Test
    void groupsBySegmentAndByKickoffMonth() {
        List<Account> book = List.of(reached("A", "smb", LocalDate.of(2026, 10, 3), 20),
                reached("B", "enterprise", LocalDate.of(2026, 10, 20), 60),
                reached("C", "smb", LocalDate.of(2026, 11, 2), 10), open("D", "smb", LocalDate.of(2026, 11, 30)));
        assertThat(TimeToValue.groupBy(book, Account::segment, TODAY)).containsExactly(
                new Group("enterprise", 1, 1, 0, 60, 60, null, 0), new Group("smb", 3, 2, 1, 10, 20, 7, 0));
        assertThat(TimeToValue.groupBy(book, Account::cohort, TODAY)).containsExactly(
                new Group("2026-10", 2, 2, 0, 20, 60, null, 0), new Group("2026-11", 2, 1, 1, 10, 10, 7, 0));
    }

    @Test
    void kickoffIsTheEarliestPlanWithAValueMilestoneAndValueTheFirstDone() {
        LocalDate sep = LocalDate.of(2026, 9, 1);
        LocalDate oct = LocalDate.of(2026, 10, 1);
        Account account = TimeToValue.of(1, "Acme", "smb", null, null, List.of(
                new ValueMilestone(oct, MilestoneStatus.DONE, Instant.parse("2026-10-05T23:30:00Z")),
                new ValueMilestone(sep, MilestoneStatus.IN_PROGRESS, null),
                new ValueMilestone(oct, MilestoneStatus.DONE, Instant.parse("2026-10-20T08:00:00Z"))));
        assertThat(account.kickoff()).isEqualTo(sep);
        assertThat(account.reachedOn()).isEqualTo(LocalDate.of(2026, 10, 5));
        // 1 Sept to 5 Oct: 29 + 5 = 34 days.
        assertThat(account.days(TODAY)).isEqualTo(34);
        assertThat(account.cohort()).isEqualTo("2026-09");
        assertThat(TimeToValue.of(1, "Acme", "smb", null, null, List.of())).isNull();
        // Open: 1 Oct to 7 Dec = 30 + 30 + 7 = 67 days so far.
        assertThat(TimeToValue.of(1, "Acme", "smb", null, null, List.of(new ValueMilestone(oct, MilestoneStatus.BLOCKED, null)))
                .days(TODAY)).isEqualTo(67);
    }
}
