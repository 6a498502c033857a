package org.lodestar.worklist;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.CoverageModel;
import org.lodestar.accounts.LoggedActivity;
import org.lodestar.accounts.TimeCategory;
import org.lodestar.accounts.Timeline;
import org.lodestar.errors.InvalidInput;
import org.lodestar.people.User;
import org.lodestar.people.Users;
import org.lodestar.signals.SignalCategory;
import org.lodestar.tasks.CompletedTask;
import org.lodestar.tasks.Tasks;
import org.springframework.stereotype.Service;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Where each CSM's time went in a calendar month (in the configured zone), against the target their book's coverage
 * models set: the tasks they completed (the minutes recorded, else their category's configured default) and the
 * activities they logged with a duration. A CSM is everyone who owns a customer or counted time that month.
 */
@Service
public class TeamTime {

    /** One CSM's month: their book by coverage model, the split, and what it was counted from. */
    public record CsmTime(String owner, String name, Map<CoverageModel, Long> book, TimeSplit.Split split, int tasks,
            int tasksAtDefault, int activities, int activitiesWithoutDuration) {
    }

    // Named apart from the other View types: springdoc names a schema by the simple name.
    /** The team's month: {@code from} inclusive, {@code to} exclusive. */
    @Schema(name = "TeamTime")
    public record View(YearMonth month, ZoneId zone, Instant from, Instant to, List<CsmTime> csms,
            Map<TimeCategory, Integer> taskMinutes) {
    }

    private final Tasks tasks;
    private final Timeline timeline;
    private final Accounts accounts;
    private final Users users;
    private final TimeSplitConfiguration configuration;
    private final Clock clock;

    TeamTime(Tasks tasks, Timeline timeline, Accounts accounts, Users users, TimeSplitConfiguration configuration, Clock clock) {
        this.tasks = tasks;
        this.timeline = timeline;
        this.accounts = accounts;
        this.users = users;
        this.configuration = configuration;
        this.clock = clock;
    }

    /** The month it is now in the configured zone. */
    public YearMonth thisMonth() {
        return YearMonth.from(clock.instant().atZone(configuration.targets().zone()));
    }

    /** A month as YYYY-MM from a query; null or blank is this month. */
    public YearMonth parseMonth(String text) {
        if (text == null || text.isBlank()) {
            return thisMonth();
        }
        try {
            YearMonth month = YearMonth.parse(text.trim());
            if (month.getYear() >= 1 && month.getYear() <= 9999) {
                return month;
            }
        } catch (DateTimeParseException e) {
            // named below
        }
        throw new InvalidInput("month", "expected a month as YYYY-MM (e.g. 2026-12), got '" + text + "'");
    }

    public View month(YearMonth month) {
        TimeTargets targets = configuration.targets();
        ZoneId zone = targets.zone();
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        Map<String, User> byEmail = new HashMap<>();
        users.list().forEach(u -> byEmail.put(u.email().toLowerCase(Locale.ROOT), u));

        Map<String, List<TimeSplit.Spent>> spent = new HashMap<>();
        Map<String, int[]> counts = new HashMap<>();
        for (CompletedTask task : tasks.completedBetween(from, to)) {
            String owner = task.ownerEmail().toLowerCase(Locale.ROOT);
            TimeCategory category = categoryOf(task.category());
            boolean recorded = task.minutesSpent() != null;
            spent.computeIfAbsent(owner, o -> new ArrayList<>()).add(new TimeSplit.Spent(category,
                    recorded ? task.minutesSpent() : targets.taskMinutes().get(category)));
            int[] c = counts.computeIfAbsent(owner, o -> new int[4]);
            c[0]++;
            c[1] += recorded ? 0 : 1;
        }
        for (LoggedActivity activity : timeline.loggedBetween(from, to)) {
            String author = personOf(activity.author(), byEmail);
            if (author == null) {
                continue;
            }
            int[] c = counts.computeIfAbsent(author, o -> new int[4]);
            if (activity.durationMinutes() == null) {
                c[3]++;
                continue;
            }
            c[2]++;
            spent.computeIfAbsent(author, o -> new ArrayList<>()).add(new TimeSplit.Spent(categoryOf(activity),
                    activity.durationMinutes()));
        }

        Map<String, Map<CoverageModel, Long>> books = new HashMap<>();
        accounts.coverageByOwner().forEach((email, book) -> books.put(email.toLowerCase(Locale.ROOT), book));
        TreeSet<String> people = new TreeSet<>(books.keySet());
        people.addAll(spent.keySet());
        List<CsmTime> csms = new ArrayList<>();
        for (String email : people) {
            Map<CoverageModel, Long> book = books.getOrDefault(email, new EnumMap<>(CoverageModel.class));
            int[] c = counts.getOrDefault(email, new int[4]);
            User user = byEmail.get(email);
            csms.add(new CsmTime(user == null ? email : user.email(), user == null ? email : user.name(), book,
                    TimeSplit.of(spent.getOrDefault(email, List.of()), TimeSplit.blendedTarget(book, targets.targets())),
                    c[0], c[1], c[2], c[3]));
        }
        csms.sort(Comparator.comparing(CsmTime::name, String.CASE_INSENSITIVE_ORDER).thenComparing(CsmTime::owner));
        return new View(month, zone, from, to, csms, targets.taskMinutes());
    }

    /** A task's kind of work: the same, with a QBR task counting as a business review. */
    public static TimeCategory categoryOf(SignalCategory category) {
        return switch (category) {
            case RESCUE -> TimeCategory.RESCUE;
            case RENEWAL -> TimeCategory.RENEWAL;
            case EXPANSION -> TimeCategory.EXPANSION;
            case ONBOARDING -> TimeCategory.ONBOARDING;
            case QBR -> TimeCategory.BUSINESS_REVIEWS;
            case OTHER -> TimeCategory.OTHER;
        };
    }

    /** An activity's work: what its author said it was, else what its meeting type says. */
    public static TimeCategory categoryOf(LoggedActivity activity) {
        return activity.category() != null ? activity.category() : TimeCategory.of(activity.meetingType());
    }

    /**
     * The person who logged an entry, by their email: a person signed in logs under their email, an API token under
     * "token name (owner email)". Null for imports and automation, which are no one's time.
     */
    static String personOf(String author, Map<String, User> byEmail) {
        if (author == null) {
            return null;
        }
        String lower = author.trim().toLowerCase(Locale.ROOT);
        if (byEmail.containsKey(lower)) {
            return lower;
        }
        int open = lower.lastIndexOf('(');
        if (lower.endsWith(")") && open >= 0) {
            String inside = lower.substring(open + 1, lower.length() - 1);
            return byEmail.containsKey(inside) ? inside : null;
        }
        return null;
    }
}
