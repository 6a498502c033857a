package org.lodestar.worklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lodestar.accounts.TimeCategory.BUSINESS_REVIEWS;
import static org.lodestar.accounts.TimeCategory.EXPANSION;
import static org.lodestar.accounts.TimeCategory.ONBOARDING;
import static org.lodestar.accounts.TimeCategory.OTHER;
import static org.lodestar.accounts.TimeCategory.RENEWAL;
import static org.lodestar.accounts.TimeCategory.RESCUE;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lodestar.accounts.CoverageModel;
import org.lodestar.accounts.LoggedActivity;
import org.lodestar.accounts.MeetingType;
import org.lodestar.accounts.TimeCategory;
import org.lodestar.accounts.TimelineKind;
import org.lodestar.people.Role;
import org.lodestar.people.User;
import org.lodestar.signals.SignalCategory;
import org.lodestar.worklist.TimeSplit.Row;
import org.lodestar.worklist.TimeSplit.Spent;

/** Where a CSM's time goes, computed by hand: shares, rounding that sums to 100, blended targets and differences. */
class TimeSplitTest {

    static final Map<TimeCategory, Integer> HIGH_TOUCH = split(15, 20, 20, 15, 20, 10);
    static final Map<TimeCategory, Integer> DIGITAL = split(25, 30, 10, 10, 0, 25);
    static final Map<CoverageModel, Map<TimeCategory, Integer>> TARGETS = Map.of(CoverageModel.HIGH_TOUCH, HIGH_TOUCH,
            CoverageModel.TECH_TOUCH, split(20, 25, 15, 15, 10, 15), CoverageModel.DIGITAL, DIGITAL);

    @Test
    void minutesAddUpPerCategoryAndSharesAreTheirPartOfTheTotal() {
        // Two rescue tasks (45 + 45), a 30-minute renewal call, a 60-minute QBR and a 20-minute note: 200 minutes.
        TimeSplit.Split split = TimeSplit.of(List.of(new Spent(RESCUE, 45), new Spent(RENEWAL, 30), new Spent(RESCUE, 45),
                new Spent(BUSINESS_REVIEWS, 60), new Spent(OTHER, 20)), HIGH_TOUCH);

        assertThat(split.totalMinutes()).isEqualTo(200);
        assertThat(split.rows()).containsExactly(
                new Row(RESCUE, 90, 45, 15, 30),
                new Row(RENEWAL, 30, 15, 20, -5),
                new Row(EXPANSION, 0, 0, 20, -20),
                new Row(ONBOARDING, 0, 0, 15, -15),
                new Row(BUSINESS_REVIEWS, 60, 30, 20, 10),
                new Row(OTHER, 20, 10, 10, 0));
        assertThat(split.rows().stream().mapToLong(Row::minutes).sum()).isEqualTo(split.totalMinutes());
        assertThat(split.totalHours()).isEqualTo("3h 20m");
    }

    @Test
    void sharesAreRoundedByLargestRemainderSoTheySumToAHundred() {
        // 10, 20, 35 and 5 of 70 minutes: 14.29, 28.57, 50 and 7.14 %; floors 14 + 28 + 50 + 7 = 99, and the point left
        // goes to the largest remainder, renewal's .57.
        TimeSplit.Split split = TimeSplit.of(List.of(new Spent(RESCUE, 10), new Spent(RENEWAL, 20), new Spent(EXPANSION, 35),
                new Spent(OTHER, 5)), null);

        assertThat(split.rows()).extracting(Row::share).containsExactly(14, 29, 50, 0, 0, 7);
        assertThat(split.rows()).extracting(Row::target).containsOnlyNulls();
        assertThat(split.rows()).extracting(Row::difference).containsOnlyNulls();

        // Three equal thirds: 33 each and the point left to the first on a tie.
        assertThat(TimeSplit.of(List.of(new Spent(OTHER, 1), new Spent(RENEWAL, 1), new Spent(RESCUE, 1)), null).rows())
                .extracting(Row::share).containsExactly(34, 33, 0, 0, 0, 33);
    }

    @Test
    void sharesSumToAHundredWhateverTheMinutes() {
        long[][] months = { { 1, 1, 1, 1, 1, 1 }, { 7, 0, 0, 0, 0, 0 }, { 1, 2, 3, 4, 5, 6 }, { 1439, 1, 1, 1, 1, 1 },
                { 13, 29, 31, 0, 17, 11 } };
        for (long[] minutes : months) {
            List<Spent> spent = new ArrayList<>();
            for (int i = 0; i < minutes.length; i++) {
                spent.add(new Spent(TimeCategory.values()[i], minutes[i]));
            }
            TimeSplit.Split split = TimeSplit.of(spent, null);
            assertThat(split.rows().stream().mapToInt(Row::share).sum()).as(Arrays.toString(minutes)).isEqualTo(100);
            assertThat(split.rows().stream().mapToLong(Row::minutes).sum()).isEqualTo(Arrays.stream(minutes).sum());
        }
    }

    @Test
    void aMixedBookBlendsTheTargetsByAccountCount() {
        // 3 high-touch and 1 digital account: rescue (3×15 + 25)/4 = 17.5, renewal (60 + 30)/4 = 22.5, expansion 17.5,
        // onboarding (45 + 10)/4 = 13.75, business reviews 60/4 = 15, other (30 + 25)/4 = 13.75. Floors sum to 97; the
        // three points left go to the largest remainders: onboarding and other (.75), then rescue (first of the .5s).
        Map<TimeCategory, Integer> target = TimeSplit.blendedTarget(Map.of(CoverageModel.HIGH_TOUCH, 3L,
                CoverageModel.DIGITAL, 1L), TARGETS);

        assertThat(target).containsExactlyEntriesOf(split(18, 22, 17, 14, 15, 14));
        assertThat(target.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
        assertThat(TimeSplit.blendedTarget(Map.of(CoverageModel.DIGITAL, 7L), TARGETS)).as("one model: its target")
                .containsExactlyEntriesOf(DIGITAL);
        assertThat(TimeSplit.blendedTarget(Map.of(), TARGETS)).as("no book, no target").isNull();
    }

    @Test
    void aMonthWithNoTimeHasNoShares() {
        TimeSplit.Split split = TimeSplit.of(List.of(), HIGH_TOUCH);

        assertThat(split.totalMinutes()).isZero();
        assertThat(split.rows()).extracting(Row::share).containsOnly(0);
        assertThat(split.rows()).extracting(Row::target).containsExactly(15, 20, 20, 15, 20, 10);
    }

    @Test
    void tasksCountByTheirKindOfWorkAndActivitiesByMeetingType() {
        assertThat(TeamTime.categoryOf(SignalCategory.QBR)).isEqualTo(BUSINESS_REVIEWS);
        assertThat(TeamTime.categoryOf(SignalCategory.RESCUE)).isEqualTo(RESCUE);
        assertThat(TeamTime.categoryOf(SignalCategory.RENEWAL)).isEqualTo(RENEWAL);
        assertThat(TeamTime.categoryOf(SignalCategory.EXPANSION)).isEqualTo(EXPANSION);
        assertThat(TeamTime.categoryOf(SignalCategory.ONBOARDING)).isEqualTo(ONBOARDING);
        assertThat(TeamTime.categoryOf(SignalCategory.OTHER)).isEqualTo(OTHER);
        assertThat(TimeCategory.of(MeetingType.QBR)).isEqualTo(BUSINESS_REVIEWS);
        assertThat(TimeCategory.of(MeetingType.EBR)).isEqualTo(BUSINESS_REVIEWS);
        assertThat(TimeCategory.of(MeetingType.KICKOFF)).isEqualTo(ONBOARDING);
        assertThat(TimeCategory.of(MeetingType.CHECK_IN)).isEqualTo(OTHER);
        assertThat(TimeCategory.of((MeetingType) null)).as("a call, email or note").isEqualTo(OTHER);
        assertThat(TeamTime.categoryOf(new LoggedActivity(1, "wren@x.test", TimelineKind.MEETING, MeetingType.CHECK_IN,
                TimeCategory.RESCUE, Instant.EPOCH, 30))).as("what its author said").isEqualTo(RESCUE);
        assertThat(TeamTime.categoryOf(new LoggedActivity(1, "wren@x.test", TimelineKind.MEETING, MeetingType.EBR, null,
                Instant.EPOCH, 30))).as("not said: by meeting type").isEqualTo(BUSINESS_REVIEWS);
        assertThat(BUSINESS_REVIEWS.label()).isEqualTo("business-reviews");
        assertThat(BUSINESS_REVIEWS.title()).isEqualTo("Business reviews");
    }

    @Test
    void minutesReadAsHours() {
        assertThat(TimeSplit.hours(0)).isEqualTo("0m");
        assertThat(TimeSplit.hours(45)).isEqualTo("45m");
        assertThat(TimeSplit.hours(60)).isEqualTo("1h 00m");
        assertThat(TimeSplit.hours(125)).isEqualTo("2h 05m");
    }

    @Test
    void anActivityIsTheTimeOfWhoeverLoggedIt() {
        Map<String, User> users = Map.of("wren@x.test", new User(1, "Wren@x.test",
                "Wren", Role.CSM, true, Instant.EPOCH));
        assertThat(TeamTime.personOf("Wren@X.test", users)).isEqualTo("wren@x.test");
        assertThat(TeamTime.personOf("laptop script (wren@x.test)", users)).as("an API token").isEqualTo("wren@x.test");
        assertThat(TeamTime.personOf("lodestar", users)).isNull();
        assertThat(TeamTime.personOf("ravenstack import by otto@x.test", users)).isNull();
    }

    static Map<TimeCategory, Integer> split(int rescue, int renewal, int expansion, int onboarding, int reviews, int other) {
        Map<TimeCategory, Integer> split = new EnumMap<>(TimeCategory.class);
        split.put(RESCUE, rescue);
        split.put(RENEWAL, renewal);
        split.put(EXPANSION, expansion);
        split.put(ONBOARDING, onboarding);
        split.put(BUSINESS_REVIEWS, reviews);
        split.put(OTHER, other);
        return split;
    }
}
