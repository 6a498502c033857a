package org.lodestar.playbooks;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.lodestar.accounts.AccountSet;
import org.lodestar.accounts.CoverageModel;
import org.lodestar.accounts.Timeline;
import org.lodestar.accounts.TimelineKind;
import org.lodestar.audit.Actors;
import org.lodestar.audit.AuditLog;
import org.lodestar.cluster.ClusterLocks;
import org.lodestar.cluster.SerialSection;
import org.lodestar.errors.Conflict;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.lodestar.infrastructure.AfterCommit;
import org.lodestar.infrastructure.IdLists;
import org.lodestar.infrastructure.SqlFilter;
import org.lodestar.outreach.Channel;
import org.lodestar.outreach.OutreachTemplates;
import org.lodestar.plans.PlanDraft;
import org.lodestar.plans.SuccessPlan;
import org.lodestar.plans.SuccessPlans;
import org.lodestar.reviews.Quarter;
import org.lodestar.reviews.ReviewDraft;
import org.lodestar.reviews.ReviewDrafts;
import org.lodestar.reviews.ReviewKind;
import org.lodestar.revenue.ContractFacts;
import org.lodestar.signals.Detected;
import org.lodestar.signals.Signal;
import org.lodestar.signals.SignalConfiguration;
import org.lodestar.signals.Signals;
import org.lodestar.signals.SignalsChanged;
import org.lodestar.tasks.Task;
import org.lodestar.tasks.TaskFilter;
import org.lodestar.tasks.TaskStatus;
import org.lodestar.tasks.Tasks;
import org.lodestar.tasks.Team;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts plays when signals fire and their playbook's trigger holds, puts their steps on the worklist
 * as tasks with owners and due dates, and closes them with an outcome. One run at a time across nodes.
 */
@Service
public class Playbooks {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SELECT = "select p.*, a.name as account_name from play p join account a on a.id = p.account_id";

    /** A play a dry-run says would start today, with the tasks it would create. */
    public record WouldStart(long accountId, String accountName, String playbook, String reason, List<String> tasks) {
    }

    private final JdbcClient jdbc;
    private final PlaybookConfiguration configuration;
    private final Signals signals;
    private final Tasks tasks;
    private final Timeline timeline;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ClusterLocks locks;
    private final SignalConfiguration signalRules;
    private final ContractFacts contracts;
    private final OutreachTemplates templates;
    private final SuccessPlans plans;
    private final ReviewDrafts reviews;
    /** Coverage models whose accounts' plays send their outreach by themselves and leave the CSM's tasks out. */
    private final Set<CoverageModel> automatedCoverage;
    /** {@code lodestar.plays.started}, by playbook (a playbook's name: configuration, so few). */
    private final MeterRegistry meters;

    Playbooks(JdbcClient jdbc, PlaybookConfiguration configuration, Signals signals, Tasks tasks, Timeline timeline,
            AuditLog audit, TransactionTemplate transactions, Clock clock, ClusterLocks locks, SignalConfiguration signalRules,
            ContractFacts contracts, OutreachTemplates templates, SuccessPlans plans, ReviewDrafts reviews,
            @Value("${lodestar.playbooks.automated-coverage:tech-touch,digital}") String automatedCoverage, MeterRegistry meters) {
        this.meters = meters;
        this.signalRules = signalRules;
        this.reviews = reviews;
        this.templates = templates;
        this.plans = plans;
        this.contracts = contracts;
        this.automatedCoverage = EnumSet.noneOf(CoverageModel.class);
        for (String label : automatedCoverage.split(",")) {
            if (label.isBlank()) {
                continue;
            }
            CoverageModel coverage;
            try {
                coverage = CoverageModel.of(label.trim());
            } catch (IllegalArgumentException e) {
                coverage = null;
            }
            if (coverage == null) {
                throw new IllegalStateException("lodestar.playbooks.automated-coverage: expected coverage models among "
                        + "high-touch, tech-touch and digital, separated by commas; got '" + label.trim() + "'");
            }
            this.automatedCoverage.add(coverage);
        }
        this.jdbc = jdbc;
        this.configuration = configuration;
        this.signals = signals;
        this.tasks = tasks;
        this.timeline = timeline;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.locks = locks;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** In the transaction that stored the signals. */
    @EventListener
    void on(SignalsChanged changed) {
        if (!changed.resolved().isEmpty()) {
            followCauses(changed.resolved());
        }
        if (!changed.fired().isEmpty()) {
            run(changed.fired().stream().map(Signal::accountId).distinct().toList());
        }
    }

    /**
     * The open plays these resolved signals started: closed as resolved by itself, or flagged for the CSM, as each
     * playbook says ({@code when-cause-clears}). A play of a playbook no longer in force is flagged.
     */
    private void followCauses(List<Signal> resolved) {
        Map<Long, Signal> bySignal = new HashMap<>();
        resolved.forEach(s -> bySignal.put(s.id(), s));
        List<Play> following = new ArrayList<>();
        IdLists.inChunks(bySignal.keySet(), (in, params) -> following.addAll(jdbc.sql(SELECT
                + " where p.status = 'open' and p.signal_id" + in).params(params).query(ROW).list()));
        List<Play> flagged = new ArrayList<>();
        Set<Long> accountIds = new java.util.TreeSet<>(following.stream().map(Play::accountId).toList());
        Map<Long, List<PlaybookMatcher.Cause>> stillOpen = causes(accountIds.isEmpty() ? List.of() : signals.openSignals(accountIds));
        Map<Long, Account> views = accountIds.isEmpty() ? Map.of() : accounts(accountIds, today());
        for (Play play : following) {
            Signal cause = bySignal.get(play.signalId());
            PlaybookDefinition playbook = configuration.playbook(play.playbook());
            Account account = views.get(play.accountId());
            PlaybookMatcher.Cause next = playbook == null || account == null ? null
                    : PlaybookMatcher.holding(playbook, account.view(), stillOpen.getOrDefault(play.accountId(), List.of()), cause.id());
            if (next != null) {
                // Another open signal is the same cause (a second urgent ticket): the play carries on, following it.
                jdbc.sql("update play set signal_id = ?, cause_key = ? where id = ?").params(next.signalId(), next.causeKey(),
                        play.id()).update();
                timeline.record(play.accountId(), TimelineKind.PLAY, null, cause.resolvedAt(), "Play carries on: "
                        + playbook.title(), "No longer so: " + cause.summary() + "\nStill so: " + next.summary());
                audit.updated("play", play.id(), "Play " + play.playbook() + " on account " + play.accountName()
                        + " follows another open cause: " + next.summary(), play, get(play.id()));
            } else if (playbook != null && playbook.whenCauseClears() == PlaybookDefinition.WhenCauseClears.CLOSE) {
                // The signal's summary holds the values of when it fired: said as such, never as today's.
                close(play.id(), PlayOutcome.RESOLVED_BY_ITSELF, "The cause cleared on "
                        + LocalDate.ofInstant(cause.resolvedAt(), ZoneOffset.UTC) + ". When it fired on "
                        + LocalDate.ofInstant(cause.firedAt(), ZoneOffset.UTC) + ": " + cause.summary());
            } else {
                jdbc.sql("update play set cause_cleared_at = ? where id = ?")
                        .params(Timestamp.from(cause.resolvedAt()), play.id()).update();
                flagged.add(play);
                timeline.record(play.accountId(), TimelineKind.PLAY, null, cause.resolvedAt(), "Cause cleared: "
                        + (playbook == null ? play.playbook() : playbook.title()), "No longer so (when it fired on "
                        + LocalDate.ofInstant(cause.firedAt(), ZoneOffset.UTC) + "): " + cause.summary()
                        + "\nThe play stays open for its CSM to close or carry on.");
                audit.updated("play", play.id(), "Flagged " + play.playbook() + " on account " + play.accountName()
                        + ": its cause cleared", play, get(play.id()));
            }
        }
        // Once every play whose cause cleared is flagged: what lasts only while a cause does (hourly incident updates, the
        // alert and acknowledgement) stops, unless another play still wants it.
        for (long account : flagged.stream().map(Play::accountId).distinct().toList()) {
            tasks.stopWithCause(flagged.stream().filter(p -> p.accountId() == account).map(Play::id).toList(),
                    openPlays(account, false), openPlays(account, true));
        }
    }

    /** The account's open plays; with {@code causeHolds}, only those whose cause has not cleared. */
    private List<Long> openPlays(long accountId, boolean causeHolds) {
        return jdbc.sql("select id from play where account_id = ? and status = 'open'"
                + (causeHolds ? " and cause_cleared_at is null" : "")).param(accountId).query(Long.class).list();
    }

    /** An account as a run sees it; {@code renewal} is its next renewal date after the run's day, null when none. */
    private record Account(PlaybookMatcher.AccountView view, String name, Long ownerId, CoverageModel coverage,
            LocalDate renewal) {
    }

    /** Starts every play whose trigger holds on these accounts (null: the whole book). */
    public List<Play> run(Collection<Long> accountIds) {
        return transactions.execute(tx -> {
            // One run at a time on any node: a signal starts its playbook once.
            locks.hold(SerialSection.PLAYBOOKS);
            List<Signal> open = signals.openSignals(accountIds);
            Map<Long, List<PlaybookMatcher.Cause>> causes = causes(open);
            Map<Long, Signal> byId = new HashMap<>();
            open.forEach(s -> byId.put(s.id(), s));
            Map<Long, Account> accounts = accounts(causes.keySet(), today());
            Map<Long, List<PlaybookMatcher.PastPlay>> plays = pastPlays(causes.keySet());
            Map<Long, List<Play>> flagged = flaggedPlays(causes.keySet());
            People people = people();
            List<Play> started = new ArrayList<>();
            for (Map.Entry<Long, List<PlaybookMatcher.Cause>> entry : causes.entrySet()) {
                Account account = accounts.get(entry.getKey());
                if (account == null) {
                    continue;
                }
                List<PlaybookMatcher.PastPlay> past = new ArrayList<>(plays.getOrDefault(entry.getKey(), List.of()));
                for (PlaybookDefinition playbook : configuration.playbooks()) {
                    PlaybookMatcher.Cause cause = PlaybookMatcher.trigger(playbook, account.view(), entry.getValue(), past);
                    if (cause != null) {
                        started.add(start(playbook, account, byId.get(cause.signalId()), escalates(playbook, entry.getValue()),
                                people));
                        past.add(new PlaybookMatcher.PastPlay(playbook.name(), cause.signalId(), true));
                        continue;
                    }
                    for (Play play : flagged.getOrDefault(entry.getKey(), List.of())) {
                        PlaybookMatcher.Cause back = play.playbook().equals(playbook.name())
                                ? PlaybookMatcher.holding(playbook, account.view(), entry.getValue(), null) : null;
                        if (back != null) {
                            rearm(play, playbook, account, byId.get(back.signalId()), escalates(playbook, entry.getValue()), people);
                        }
                    }
                }
            }
            return started;
        });
    }

    /** Open signals as causes, by account. */
    private static Map<Long, List<PlaybookMatcher.Cause>> causes(List<Signal> open) {
        Map<Long, List<PlaybookMatcher.Cause>> causes = new LinkedHashMap<>();
        for (Signal s : open) {
            causes.computeIfAbsent(s.accountId(), a -> new ArrayList<>())
                    .add(new PlaybookMatcher.Cause(s.id(), s.rule(), s.causeKey(), s.summary()));
        }
        return causes;
    }

    /** The open plays of these accounts whose cause cleared (flagged for their CSM), by account. */
    private Map<Long, List<Play>> flaggedPlays(Collection<Long> accountIds) {
        Map<Long, List<Play>> found = new HashMap<>();
        IdLists.inChunks(accountIds, (in, params) -> jdbc.sql(SELECT + " where p.status = 'open' and p.cause_cleared_at is not null "
                + "and p.account_id" + in).params(params).query(ROW).list()
                .forEach(p -> found.computeIfAbsent(p.accountId(), a -> new ArrayList<>()).add(p)));
        return found;
    }

    /**
     * A play flagged because its cause cleared has it back (the incident's ticket reopened): it follows the new signal,
     * is no longer flagged, and the steps that last only while the cause does (cancelled when it cleared) are made again,
     * due from now, unless one is still open.
     */
    private void rearm(Play play, PlaybookDefinition playbook, Account account, Signal cause, boolean escalated, People people) {
        Instant now = clock.instant();
        jdbc.sql("update play set signal_id = ?, cause_key = ?, cause_cleared_at = null where id = ?").params(cause.id(),
                cause.causeKey(), play.id()).update();
        Set<String> open = new java.util.HashSet<>();
        tasks.find(new TaskFilter(null, account.view().id(), play.id(), TaskStatus.OPEN, 1000)).forEach(t -> open.add(t.title()));
        List<String> created = createSteps(playbook, account, play.id(), now, escalated, people,
                step -> step.whileCauseLasts() && !open.contains(step instanceof PlaybookDefinition.TaskStep t ? t.title()
                        : title((PlaybookDefinition.OutreachStep) step)));
        timeline.record(account.view().id(), TimelineKind.PLAY, null, now, "Cause back: " + playbook.title(),
                cause.summary() + "\nTasks: " + (created.isEmpty() ? "none made again" : String.join("; ", created)));
        audit.updated("play", play.id(), "Play " + play.playbook() + " on account " + account.name() + " has its cause back: "
                + cause.summary(), play, get(play.id()));
    }

    /** What {@link #run} would start today on the whole book if the signals were evaluated now; nothing is stored. */
    public List<WouldStart> dryRun() {
        return dryRun(today());
    }

    /**
     * What would start on that day, with each task's owner and due date counted from it; nothing is stored. The plays
     * open or started before count as they do today (a play is not started twice for one cause). See
     * {@link Signals#detect(Collection, LocalDate)} for the facts a future or past day is evaluated on.
     */
    public List<WouldStart> dryRun(LocalDate asOf) {
        Map<Long, List<Detected>> detected = signals.detect(null, asOf);
        Map<String, Long> openIds = new HashMap<>();
        for (Signal s : signals.openSignals(null)) {
            openIds.put(s.accountId() + " " + s.causeKey(), s.id());
        }
        Map<Long, Account> accounts = accounts(detected.keySet(), asOf);
        Instant start = asOf.atTime(java.time.LocalTime.ofInstant(clock.instant(), ZoneOffset.UTC)).toInstant(ZoneOffset.UTC);
        Map<Long, List<PlaybookMatcher.PastPlay>> plays = pastPlays(detected.keySet());
        People people = people();
        List<WouldStart> would = new ArrayList<>();
        for (Map.Entry<Long, List<Detected>> entry : new java.util.TreeMap<>(detected).entrySet()) {
            Account account = accounts.get(entry.getKey());
            if (account == null || entry.getValue().isEmpty()) {
                continue;
            }
            List<PlaybookMatcher.Cause> causes = entry.getValue().stream().map(d -> new PlaybookMatcher.Cause(
                    openIds.get(entry.getKey() + " " + d.causeKey()), d.rule(), d.causeKey(), d.summary())).toList();
            List<PlaybookMatcher.PastPlay> past = new ArrayList<>(plays.getOrDefault(entry.getKey(), List.of()));
            for (PlaybookDefinition playbook : configuration.playbooks()) {
                PlaybookMatcher.Cause cause = PlaybookMatcher.trigger(playbook, account.view(), causes, past);
                if (cause != null) {
                    List<String> steps = playbook.steps().stream().map(s -> describe(s, account, people, start)).toList();
                    would.add(new WouldStart(account.view().id(), account.name(), playbook.name(), cause.summary(), steps));
                    past.add(new PlaybookMatcher.PastPlay(playbook.name(), cause.signalId(), true));
                }
            }
        }
        return would;
    }

    /** An outreach step as the worklist says it: an email to a contact, or a post to the team's Slack channel. */
    private String title(PlaybookDefinition.OutreachStep step) {
        boolean slack = templates.find(step.template()).map(t -> t.channel() == Channel.SLACK).orElse(false);
        return slack ? "Post '" + step.template() + "' to the team's Slack channel"
                : "Send '" + step.template() + "' to the " + step.to().replace('-', ' ');
    }

    private static final java.time.format.DateTimeFormatter DUE_AT = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private String describe(PlaybookDefinition.Step step, Account account, People people, Instant start) {
        String what = step instanceof PlaybookDefinition.TaskStep t ? t.title()
                : title((PlaybookDefinition.OutreachStep) step);
        Long owner = people.owner(step.owner(), account);
        String who = owner == null ? step.owner().label() : people.emails().get(owner);
        PlaybookDefinition.When due = step.due().from(start, account.renewal());
        String when = due.at() != null ? DUE_AT.format(due.at()) : due.day().toString();
        String recurs = step instanceof PlaybookDefinition.TaskStep t && t.every() != null
                ? ", then " + Task.every(t.every()) + " until the play closes or its cause clears"
                : step.whileCauseLasts() ? ", unless its cause clears first" : "";
        return what + " (" + who + ", due " + when + recurs + ")";
    }

    /**
     * Whether the CSM's steps are a person's work even on an account Lodestar covers by automation: an open signal of a
     * rule the trigger names escalates ({@code escalate: true}).
     */
    private boolean escalates(PlaybookDefinition playbook, List<PlaybookMatcher.Cause> causes) {
        return causes.stream().filter(c -> playbook.trigger().any().contains(c.rule()) || playbook.trigger().all().contains(c.rule()))
                .map(c -> signalRules.rule(c.rule())).anyMatch(r -> r != null && r.escalates());
    }

    private Play start(PlaybookDefinition playbook, Account account, Signal cause, boolean escalated, People people) {
        Instant now = clock.instant();
        String plan = null;
        if (playbook.successPlan() != null) {
            Map<String, Object> attached = new LinkedHashMap<>();
            attached.put("outcomes", playbook.successPlan().outcomes());
            attached.put("milestones", playbook.successPlan().milestones().stream().map(m -> Map.of("title", m.title(),
                    "due", m.due().from(now, account.renewal()).day().toString(), "owner", m.owner())).toList());
            plan = JSON.writeValueAsString(attached);
        }
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into play (account_id, playbook, category, cause_key, signal_id, reason, status, success_plan, started_at)
                values (?, ?, ?, ?, ?, ?, 'open', ?, ?)""")
                .params(account.view().id(), playbook.name(), playbook.category().label(), cause.causeKey(), cause.id(),
                        cause.summary(), plan, Timestamp.from(now))
                .update(key, "id");
        long playId = key.getKey().longValue();
        AfterCommit.run(() -> meters.counter("lodestar.plays.started", "playbook", playbook.name()).increment());
        List<String> created = createSteps(playbook, account, playId, now, escalated, people, step -> true);
        String planNote = "";
        if (playbook.plan() != null) {
            SuccessPlan started = plans.create(account.view().id(), new PlanDraft(playbook.plan(), null,
                    LocalDate.ofInstant(now, ZoneOffset.UTC), null));
            planNote = "\nSuccess plan: " + started.title();
        }
        if (playbook.review() != null) {
            ReviewKind kind = switch (playbook.review()) {
                case "ebr" -> ReviewKind.EBR;
                case "qbr" -> ReviewKind.QBR;
                default -> "ebr".equals(String.valueOf(cause.data().get("review"))) ? ReviewKind.EBR : ReviewKind.QBR;
            };
            Quarter quarter = Quarter.of(LocalDate.ofInstant(now, ZoneOffset.UTC)).previous();
            ReviewDraft draft = reviews.openOrCreate(account.view().id(), kind, quarter);
            planNote += "\nReview draft: " + draft.kind().label().toUpperCase(Locale.ROOT) + " " + draft.quarter().label()
                    + " (the account's Review tab)";
        }
        timeline.record(account.view().id(), TimelineKind.PLAY, null, now, "Play started: " + playbook.title(),
                cause.summary() + "\nTasks: " + String.join("; ", created) + planNote);
        Play play = get(playId);
        audit.created("play", playId, "Started " + playbook.name() + " on account " + account.name() + ": " + cause.summary(),
                play);
        return play;
    }

    /**
     * Creates the tasks of the playbook's steps that {@code which} selects for a play, due from {@code now}; returns
     * what it made, in words. On an account Lodestar covers by automation, the CSM's steps are not a person's work unless
     * the rule escalates: its outreach goes out by itself when due, and its other tasks are left out.
     */
    private List<String> createSteps(PlaybookDefinition playbook, Account account, long playId, Instant now, boolean escalated,
            People people, java.util.function.Predicate<PlaybookDefinition.Step> which) {
        List<String> created = new ArrayList<>();
        boolean automated = automatedCoverage.contains(account.coverage()) && !escalated;
        for (PlaybookDefinition.Step step : playbook.steps()) {
            if (!which.test(step)) {
                continue;
            }
            Long owner = people.owner(step.owner(), account);
            Team team = step.owner() == Team.CSM && owner != null && !owner.equals(account.ownerId()) ? Team.MANAGER : step.owner();
            boolean byLodestar = automated && step.owner() == Team.CSM;
            PlaybookDefinition.When due = step.due().from(now, account.renewal());
            if (step instanceof PlaybookDefinition.TaskStep t) {
                if (byLodestar) {
                    created.add(t.title() + " (left out: " + account.coverage().label() + " coverage)");
                    continue;
                }
                tasks.createForPlay(account.view().id(), playId, t.title(), t.description(), playbook.category(), owner, team,
                        t.priority(), new Tasks.Schedule(due.day(), due.at(), t.every(), t.whileCauseLasts()), null);
                created.add(t.title());
            } else if (step instanceof PlaybookDefinition.OutreachStep o) {
                String title = title(o);
                tasks.createForPlay(account.view().id(), playId, title, byLodestar
                        ? "Outreach from the " + playbook.title() + " playbook, sent by Lodestar when due ("
                                + account.coverage().label() + " coverage)."
                        : "Outreach from the " + playbook.title() + " playbook: preview and send it from the account page.",
                        playbook.category(), owner, team, o.priority(), new Tasks.Schedule(due.day(), due.at(), null, o.whileCauseLasts()),
                        new Tasks.Outreach(o.template(), o.to(), byLodestar));
                created.add(title + (byLodestar ? " (automated)" : ""));
            }
        }
        return created;
    }

    /** Closes an open play with its outcome; its open tasks are cancelled. */
    @Transactional
    public Play close(long id, PlayOutcome outcome, String note) {
        Play before = get(id);
        if (!before.open()) {
            throw new Conflict("Play " + id + " is already closed (" + before.outcome().label() + ")");
        }
        var problems = new InvalidInput.Collector();
        if (outcome == null) {
            problems.add("outcome", "expected one of saved, churned, expanded, renewed, no-action-needed");
        }
        problems.maxLength("note", note, 2000);
        problems.throwIfAny();
        Instant now = clock.instant();
        jdbc.sql("update play set status = 'closed', outcome = ?, outcome_note = ?, closed_at = ?, closed_by = ? where id = ?")
                .params(outcome.label(), note == null || note.isBlank() ? null : note.trim(), Timestamp.from(now),
                        Actors.current().toString(), id)
                .update();
        int cancelled = tasks.cancelOpenOfPlay(id, openPlays(before.accountId(), false), openPlays(before.accountId(), true));
        PlaybookDefinition playbook = configuration.playbook(before.playbook());
        timeline.record(before.accountId(), TimelineKind.PLAY, null, now, "Play closed: "
                + (playbook == null ? before.playbook() : playbook.title()) + " (" + outcome.label() + ")",
                (note == null || note.isBlank() ? "" : note.trim() + "\n") + cancelled + " open task(s) cancelled");
        Play after = get(id);
        audit.updated("play", id, "Closed " + before.playbook() + " on account " + before.accountName() + " as "
                + outcome.label(), before, after);
        return after;
    }

    public Play get(long id) {
        return jdbc.sql(SELECT + " where p.id = ?").param(id).query(ROW).optional().orElseThrow(() -> new NotFound("Play " + id));
    }

    /** Plays of these accounts started after an instant, oldest first. */
    public List<Play> startedSince(Collection<Long> accountIds, Instant since) {
        List<Play> found = new ArrayList<>();
        IdLists.inChunks(accountIds, (in, params) -> {
            List<Object> all = new ArrayList<>(params);
            all.add(Timestamp.from(since));
            found.addAll(jdbc.sql(SELECT + " where p.account_id" + in + " and p.started_at > ?").params(all).query(ROW).list());
        });
        found.sort(java.util.Comparator.comparing(Play::startedAt).thenComparing(Play::id));
        return found;
    }

    public List<Play> find(Long accountId, String playbook, Boolean open, int limit) {
        SqlFilter where = new SqlFilter().and(accountId != null, "p.account_id = ?", accountId)
                .and(playbook != null, "p.playbook = ?", playbook)
                .and(Boolean.TRUE.equals(open), "p.status = 'open'")
                .and(Boolean.FALSE.equals(open), "p.status = 'closed'");
        return jdbc.sql(SELECT + where.where() + " order by p.started_at desc, p.id desc" + SqlFilter.limit(limit, 1000))
                .params(where.params()).query(ROW).list();
    }

    /**
     * The people steps go to, read once a run: the team's manager, each user's email, and the users who can do a task
     * (enabled, not read-only).
     */
    private record People(Long manager, Map<Long, String> emails, Set<Long> working) {

        /**
         * The person a step's owner is: the account's CSM (else the manager: when it has none, or one disabled or made
         * read-only since, who could not do it), the manager; null for a team queue.
         */
        Long owner(Team team, Account account) {
            return switch (team) {
                case CSM -> account.ownerId() != null && working.contains(account.ownerId()) ? account.ownerId() : manager;
                case MANAGER -> manager;
                case SALES, SUPPORT -> null;
            };
        }
    }

    /** The manager is the first enabled CS leader, else the first enabled admin. */
    private People people() {
        Map<Long, String> emails = new HashMap<>();
        Long[] leader = new Long[1];
        Long[] admin = new Long[1];
        Set<Long> working = new HashSet<>();
        jdbc.sql("select id, email, role, enabled from app_user order by id").query(rs -> {
            emails.put(rs.getLong(1), rs.getString(2));
            if (rs.getBoolean(4) && !"READ_ONLY".equals(rs.getString(3))) {
                working.add(rs.getLong(1));
            }
            if (rs.getBoolean(4) && "LEADER".equals(rs.getString(3)) && leader[0] == null) {
                leader[0] = rs.getLong(1);
            } else if (rs.getBoolean(4) && "ADMIN".equals(rs.getString(3)) && admin[0] == null) {
                admin[0] = rs.getLong(1);
            }
        });
        return new People(leader[0] != null ? leader[0] : admin[0], emails, working);
    }

    /** The accounts (churned ones left out) as on that day: their next renewal counted from it. */
    private Map<Long, Account> accounts(Collection<Long> ids, LocalDate day) {
        Map<Long, ContractFacts.Renewal> renewals = contracts.nextRenewal(AccountSet.of(ids), day);
        Map<Long, Account> found = new HashMap<>();
        IdLists.inChunks(ids, (in, params) -> jdbc.sql("select a.id, a.name, a.segment, a.lifecycle_stage, a.arr, a.owner_id, h.band, "
                + "a.coverage_model from account a left join account_health h on h.account_id = a.id where a.lifecycle_stage <> 'CHURNED' "
                + "and a.id" + in).params(params).query(rs -> {
                    long owner = rs.getLong(6);
                    Long ownerId = rs.wasNull() ? null : owner;
                    String band = rs.getString(7) == null ? null : rs.getString(7).toLowerCase(java.util.Locale.ROOT);
                    BigDecimal arr = rs.getBigDecimal(5);
                    ContractFacts.Renewal renewal = renewals.get(rs.getLong(1));
                    Integer daysToRenewal = renewal == null ? null : (int) ChronoUnit.DAYS.between(day, renewal.date());
                    found.put(rs.getLong(1), new Account(new PlaybookMatcher.AccountView(rs.getLong(1), rs.getString(3),
                            rs.getString(4).toLowerCase(java.util.Locale.ROOT).replace('_', '-'), band, arr, daysToRenewal),
                            rs.getString(2), ownerId, CoverageModel.valueOf(rs.getString(8)),
                            renewal == null ? null : renewal.date()));
                }));
        return found;
    }

    private Map<Long, List<PlaybookMatcher.PastPlay>> pastPlays(Collection<Long> ids) {
        Map<Long, List<PlaybookMatcher.PastPlay>> found = new HashMap<>();
        IdLists.inChunks(ids, (in, params) -> jdbc.sql("select account_id, playbook, signal_id, status from play where account_id" + in)
                .params(params).query(rs -> {
                    long signal = rs.getLong(3);
                    Long signalId = rs.wasNull() ? null : signal;
                    found.computeIfAbsent(rs.getLong(1), a -> new ArrayList<>()).add(new PlaybookMatcher.PastPlay(
                            rs.getString(2), signalId, "open".equals(rs.getString(4))));
                }));
        return found;
    }

    private static final RowMapper<Play> ROW = (rs, n) -> {
        String plan = rs.getString("success_plan");
        String outcome = rs.getString("outcome");
        Timestamp closed = rs.getTimestamp("closed_at");
        long signal = rs.getLong("signal_id");
        Long signalId = rs.wasNull() ? null : signal;
        return new Play(rs.getLong("id"), rs.getLong("account_id"), rs.getString("account_name"), rs.getString("playbook"),
                org.lodestar.signals.SignalCategory.parse(rs.getString("category")), rs.getString("cause_key"), signalId,
                rs.getString("reason"), rs.getString("status"), outcome == null ? null : PlayOutcome.parse(outcome),
                rs.getString("outcome_note"), plan == null ? null : JSON.readValue(plan, new TypeReference<Map<String, Object>>() { }),
                rs.getTimestamp("started_at").toInstant(), closed == null ? null : closed.toInstant(), rs.getString("closed_by"),
                rs.getTimestamp("cause_cleared_at") == null ? null : rs.getTimestamp("cause_cleared_at").toInstant());
    };
}
