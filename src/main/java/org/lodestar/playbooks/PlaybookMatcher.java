package org.lodestar.playbooks;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a playbook starts on an account: plain decisions over the account, its open causes and its
 * plays, no database.
 */
public final class PlaybookMatcher {

    private PlaybookMatcher() {
    }

    /**
     * The account as the conditions see it; {@code band} is null when unscored, {@code daysToRenewal} when no renewal is
     * ahead.
     */
    public record AccountView(long id, String segment, String stage, String band, BigDecimal arr, Integer daysToRenewal) {
    }

    /** An open signal ({@code signalId} null for one a dry-run found but has not stored). */
    public record Cause(Long signalId, String rule, String causeKey, String summary) {
    }

    /** A play the account has or had. */
    public record PastPlay(String playbook, Long signalId, boolean open) {
    }

    /**
     * The cause that starts {@code playbook} now, or null: none while a play of it is open on the account,
     * nor for a cause (signal) a play of it was already started for.
     */
    public static Cause trigger(PlaybookDefinition playbook, AccountView account, List<Cause> causes, List<PastPlay> plays) {
        PlaybookDefinition.Trigger t = playbook.trigger();
        if (!conditionsHold(t, account)) {
            return null;
        }
        Set<String> openRules = causes.stream().map(Cause::rule).collect(Collectors.toSet());
        if (!openRules.containsAll(t.all())) {
            return null;
        }
        if (plays.stream().anyMatch(p -> p.open() && p.playbook().equals(playbook.name()))) {
            return null;
        }
        List<String> starters = t.any().isEmpty() ? t.all() : t.any();
        if (t.any().isEmpty() && causes.stream().anyMatch(c -> starters.contains(c.rule()) && startedBy(playbook, c, plays))) {
            // All of its causes together start it: a play one of them started stands for the others while it lasts.
            return null;
        }
        for (Cause cause : causes) {
            if (starters.contains(cause.rule()) && !startedBy(playbook, cause, plays)) {
                return cause;
            }
        }
        return null;
    }

    /**
     * A cause among the open ones, other than signal {@code except}, that would start the playbook were no play of it
     * open (its conditions hold, every rule of {@code all} is open, it is of a starting rule): a play whose signal
     * resolved follows it instead of losing its cause (a second urgent ticket still open), and a play flagged because
     * its cause cleared has it back (the ticket reopened). Null if none.
     */
    public static Cause holding(PlaybookDefinition playbook, AccountView account, List<Cause> causes, Long except) {
        PlaybookDefinition.Trigger t = playbook.trigger();
        if (!conditionsHold(t, account)) {
            return null;
        }
        List<Cause> others = causes.stream().filter(c -> except == null || !except.equals(c.signalId())).toList();
        if (!others.stream().map(Cause::rule).collect(Collectors.toSet()).containsAll(t.all())) {
            return null;
        }
        List<String> starters = t.any().isEmpty() ? t.all() : t.any();
        return others.stream().filter(c -> starters.contains(c.rule())).findFirst().orElse(null);
    }

    private static boolean startedBy(PlaybookDefinition playbook, Cause cause, List<PastPlay> plays) {
        return cause.signalId() != null && plays.stream().anyMatch(p -> p.playbook().equals(playbook.name())
                && cause.signalId().equals(p.signalId()));
    }

    static boolean conditionsHold(PlaybookDefinition.Trigger t, AccountView account) {
        return (t.segments().isEmpty() || t.segments().contains(account.segment()))
                && (t.stages().isEmpty() || t.stages().contains(account.stage()))
                && (t.bands().isEmpty() || account.band() != null && t.bands().contains(account.band()))
                && (t.minArr() == null || account.arr().compareTo(t.minArr()) >= 0)
                && (t.maxArr() == null || account.arr().compareTo(t.maxArr()) <= 0)
                && (t.renewalWithinDays() == null
                        || account.daysToRenewal() != null && account.daysToRenewal() <= t.renewalWithinDays());
    }
}
