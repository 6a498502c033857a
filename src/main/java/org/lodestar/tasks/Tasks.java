package org.lodestar.tasks;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.lodestar.accounts.Account;
import org.lodestar.accounts.Accounts;
import org.lodestar.audit.Actors;
import org.lodestar.audit.AuditLog;
import org.lodestar.errors.Conflict;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.lodestar.infrastructure.DatabaseGauges;
import org.lodestar.infrastructure.SqlFilter;
import org.lodestar.infrastructure.WholeMinutes;
import org.lodestar.people.User;
import org.lodestar.people.Users;
import org.lodestar.signals.SignalCategory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.Tags;

/** Tasks: created by hand or by plays, then completed, cancelled, reassigned or snoozed; every change audited. */
@Service
public class Tasks {

    private static final String SELECT = "select t.*, a.name as account_name, u.email as owner_email from task t "
            + "join account a on a.id = t.account_id left join app_user u on u.id = t.owner_id";

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final Users users;
    private final AuditLog audit;
    private final Clock clock;

    Tasks(JdbcClient jdbc, Accounts accounts, Users users, AuditLog audit, Clock clock, DatabaseGauges gauges) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        gauges.register("lodestar.tasks.overdue", "Open tasks past their due time (or day, for a task without a time), "
                + "not snoozed past today, all nodes", null, Tags.empty(), this::overdue);
    }

    /** Open tasks past due: a task with a time at it, one without from the day after its due day; snoozed ones wait. */
    private long overdue() {
        Date today = Date.valueOf(today());
        return jdbc.sql("""
                select count(*) from task where status = 'open'
                   and (snoozed_until is null or snoozed_until <= ?)
                   and (due_at < ? or (due_at is null and due_on < ?))""")
                .params(today, Timestamp.from(now()), today).query(Long.class).single();
    }

    public Instant now() {
        return clock.instant();
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** A task from the API or the UI, checked field by field. */
    @Transactional
    public Task create(TaskDraft draft) {
        var problems = new InvalidInput.Collector();
        Optional<Account> account = Optional.empty();
        if (draft.accountId() == null) {
            problems.add("accountId", "is required");
        } else {
            account = accounts.find(draft.accountId());
            if (account.isEmpty()) {
                problems.add("accountId", "no account has the id " + draft.accountId());
            }
        }
        checkText(problems, draft.title(), draft.description());
        Team team = Objects.requireNonNullElse(draft.team(), Team.CSM);
        Long ownerId = null;
        if (draft.ownerEmail() != null && !draft.ownerEmail().isBlank()) {
            ownerId = owner(problems, "ownerEmail", draft.ownerEmail());
        } else if (team == Team.CSM && account.isPresent() && account.get().owner() != null) {
            // The account's owner may have been disabled or made read-only since it was given to them.
            String cannot = users.find(account.get().owner().id()).map(u -> u.cannotOwn("tasks")).orElse(null);
            if (cannot != null) {
                problems.add("ownerEmail", "is required: the account's owner " + cannot);
            } else {
                ownerId = account.get().owner().id();
            }
        }
        if (draft.dueOn() != null && draft.dueOn().isBefore(today().minusYears(1))) {
            problems.add("dueOn", "expected a date within the last year or later, got " + draft.dueOn());
        }
        problems.maxLength("outreach", draft.outreach(), 60);
        problems.throwIfAny();
        return insert(draft.accountId(), null, draft.title().trim(), blankToNull(draft.description()),
                Objects.requireNonNullElse(draft.category(), SignalCategory.OTHER), ownerId, team,
                Objects.requireNonNullElse(draft.priority(), Priority.NORMAL), Objects.requireNonNullElse(draft.dueOn(), today()),
                blankToNull(draft.outreach()) == null ? null : new Outreach(draft.outreach().trim(), null, false));
    }

    /**
     * When a task a play creates is due: on a day, at an instant of it (null: any time that day), and, for one that
     * recurs, how often (null: once); and whether it is cancelled when the play's cause clears (so is one that recurs).
     */
    public record Schedule(LocalDate dueOn, Instant dueAt, Duration every, boolean whileCauseLasts) {

        public Schedule {
            whileCauseLasts = whileCauseLasts || every != null;
        }

        public static Schedule on(LocalDate day) {
            return new Schedule(day, null, null, false);
        }
    }

    /**
     * The tasks a whole-book export keeps, by account: every one written by hand, and those of plays that were done or
     * cancelled (the record of the work; an open one is a play's to make again), each account's oldest first.
     */
    public Map<Long, List<Task>> keptByAccount() {
        return jdbc.sql(SELECT + " where t.play_id is null or t.status <> 'open' order by t.account_id, t.created_at, t.id")
                .query(ROW).list().stream()
                .collect(Collectors.groupingBy(Task::accountId, LinkedHashMap::new, Collectors.toList()));
    }

    /**
     * Writes a task read back from an export unless the account already has it (the same title made at the same
     * instant, as many times: {@code occurrence} counts them in the file); audited. Whether it was written.
     */
    @Transactional
    public boolean restoreOnce(long accountId, RestoredTask task, int occurrence) {
        long already = jdbc.sql("select count(*) from task where account_id = ? and title = ? and created_at = ?")
                .params(accountId, task.title(), Timestamp.from(task.createdAt())).query(Long.class).single();
        if (already >= occurrence) {
            return false;
        }
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into task (account_id, title, description, category, owner_id, team, priority, due_on, due_at,
                    status, snoozed_until, outreach, created_at, created_by, completed_at, minutes_spent)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(accountId, task.title(), task.description(), task.category().label(), task.ownerId(),
                        task.team().label(), task.priority().label(), Date.valueOf(task.dueOn()), timestamp(task.dueAt()),
                        task.status().label(), task.snoozedUntil() == null ? null : Date.valueOf(task.snoozedUntil()),
                        task.outreach(), Timestamp.from(task.createdAt()), task.createdBy(), timestamp(task.completedAt()),
                        task.minutesSpent())
                .update(key, "id");
        Task restored = get(key.getKey().longValue());
        audit.created("task", restored.id(), "Restored the task '" + restored.title() + "' on account "
                + restored.accountName() + " (" + restored.status().label() + ")", restored);
        return true;
    }

    /** A task a play creates; its owner is already resolved (null for a team queue). */
    @Transactional
    public Task createForPlay(long accountId, long playId, String title, String description, SignalCategory category,
            Long ownerId, Team team, Priority priority, Schedule schedule, Outreach outreach) {
        LocalDate dueOn = schedule.dueOn();
        String template = outreach == null ? null : outreach.template();
        // The same step asked by another open play of the account (same title, same outreach) is the same task.
        Optional<Task> same = jdbc.sql(SELECT + " where t.account_id = ? and t.status = 'open' and lower(t.title) = lower(?) "
                + "and coalesce(t.outreach, '') = coalesce(?, '') and t.play_id is not null and t.play_id <> ? order by t.id")
                .params(accountId, title, template, playId).query(ROW).list().stream().findFirst();
        if (same.isEmpty()) {
            return insert(accountId, playId, title, description, category, ownerId, team, priority, schedule, outreach, 1);
        }
        if (same.get().automated() && outreach != null && !outreach.automated()) {
            // One play sends it by itself, the other asks a person to: a person does.
            jdbc.sql("update task set automated = false where id = ?").param(same.get().id()).update();
        }
        Task before = same.get();
        jdbc.sql("insert into task_also_for (account_id, task_id, play_id, while_cause_lasts) values (?, ?, ?, ?)")
                .params(accountId, before.id(), playId, schedule.whileCauseLasts()).update();
        // It is due by the earlier of the two days, at the higher of the two priorities.
        boolean earlier = dueOn.isBefore(before.dueOn());
        LocalDate due = earlier ? dueOn : before.dueOn();
        Priority higher = priority.ordinal() < before.priority().ordinal() ? priority : before.priority();
        jdbc.sql("update task set due_on = ?, due_at = ?, priority = ? where id = ?").params(Date.valueOf(due),
                timestamp(earlier ? schedule.dueAt() : before.dueAt()), higher.label(), before.id()).update();
        Task after = get(before.id());
        audit.updated("task", after.id(), "Task '" + after.title() + "' on account " + after.accountName()
                + " serves play " + playId + " too, due " + due, before, after);
        return after;
    }

    /**
     * An outreach step of a play: the template, the role of the contact it goes to, and whether Lodestar sends it
     * itself when it falls due ({@link #dueAutomated}).
     */
    public record Outreach(String template, String to, boolean automated) {
    }

    private Task insert(long accountId, Long playId, String title, String description, SignalCategory category, Long ownerId,
            Team team, Priority priority, LocalDate dueOn, Outreach outreach) {
        return insert(accountId, playId, title, description, category, ownerId, team, priority, Schedule.on(dueOn), outreach, 1);
    }

    private Task insert(long accountId, Long playId, String title, String description, SignalCategory category, Long ownerId,
            Team team, Priority priority, Schedule schedule, Outreach outreach, int occurrence) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into task (account_id, play_id, title, description, category, owner_id, team, priority, due_on, due_at,
                    recur_minutes, while_cause_lasts, occurrence, status, outreach, outreach_to, automated, created_at, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)""")
                .params(accountId, playId, title, description, category.label(), ownerId, team.label(), priority.label(),
                        Date.valueOf(schedule.dueOn()), timestamp(schedule.dueAt()),
                        schedule.every() == null ? null : (int) schedule.every().toMinutes(), schedule.whileCauseLasts(),
                        occurrence,
                        outreach == null ? null : outreach.template(),
                        outreach == null ? null : outreach.to(), outreach != null && outreach.automated(),
                        Timestamp.from(clock.instant()), Actors.current().toString())
                .update(key, "id");
        Task task = get(key.getKey().longValue());
        audit.created("task", task.id(), (task.automated() ? "Automated outreach '" : "Task '") + title + "' on account "
                + task.accountName() + " for " + (task.ownerEmail() != null ? task.ownerEmail() : team.label()) + ", due "
                + (schedule.dueAt() != null ? schedule.dueAt() : schedule.dueOn())
                + (schedule.every() == null ? "" : ", recurring " + Task.every(schedule.every())), task);
        return task;
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /**
     * The open tasks of a team queue (sales or support: tasks no one person owns), earliest due first — by the time of
     * day for those due at one.
     */
    public List<Task> openInQueue(Team team, int limit) {
        if (team != Team.SALES && team != Team.SUPPORT) {
            throw new NotFound("Queue " + team.label() + " (the queues are sales and support)");
        }
        return jdbc.sql(SELECT + " where t.team = ? and t.owner_id is null and t.status = 'open' order by t.due_on, "
                + "t.due_at, t.id" + SqlFilter.limit(limit, 1000)).param(team.label()).query(ROW).list();
    }

    /** Open automated outreach due by this day, earliest first: Lodestar's to send. */
    public List<Task> dueAutomated(LocalDate day, int limit) {
        return jdbc.sql(SELECT + " where t.automated = true and t.status = 'open' and t.due_on <= ? order by t.due_on, t.id"
                + SqlFilter.limit(limit, 1000)).param(Date.valueOf(day)).query(ROW).list();
    }

    /** Automated outreach that went out: the task is done. */
    @Transactional
    public Task sentAutomatically(long id, String recipient) {
        Task before = open(id);
        jdbc.sql("update task set status = ?, completed_at = ? where id = ?")
                .params(TaskStatus.DONE.label(), Timestamp.from(clock.instant()), id).update();
        Task after = get(id);
        audit.updated("task", id, "Sent '" + before.outreach() + "' to " + recipient + " at " + before.accountName()
                + " automatically", before, after);
        return after;
    }

    /**
     * Automated outreach not sent because the same email went to the same person lately (a play started again, a
     * book imported with its history): the task is done, saying when it went.
     */
    @Transactional
    public Task sentBefore(long id, String recipient, LocalDate sentOn) {
        Task before = open(id);
        String description = withNote(before, "Not sent again on " + today() + ": '" + before.outreach() + "' went to "
                + recipient + " on " + sentOn + ".");
        jdbc.sql("update task set status = ?, completed_at = ?, description = ? where id = ?")
                .params(TaskStatus.DONE.label(), Timestamp.from(clock.instant()), description, id).update();
        Task after = get(id);
        audit.updated("task", id, "Did not send '" + before.outreach() + "' to " + recipient + " at "
                + before.accountName() + " again: it went on " + sentOn, before, after);
        return after;
    }

    /** The task's description with a line added, cut to the 5,000 characters a description holds. */
    private static String withNote(Task task, String note) {
        String description = task.description() == null ? note : task.description() + "\n" + note;
        return description.length() > 5000 ? description.substring(0, 5000) : description;
    }

    /** Automated outreach Lodestar could not send: it becomes a task for a person, saying why. */
    @Transactional
    public Task escalate(long id, String reason) {
        Task before = open(id);
        String description = withNote(before, "Not sent automatically on " + today() + ": " + reason);
        jdbc.sql("update task set automated = false, description = ? where id = ?").params(description, id).update();
        Task after = get(id);
        audit.updated("task", id, "Handed '" + before.title() + "' at " + before.accountName() + " to "
                + (before.ownerEmail() != null ? before.ownerEmail() : before.team().label()) + ": " + reason, before, after);
        return after;
    }

    public Task get(long id) {
        return jdbc.sql(SELECT + " where t.id = ?").param(id).query(ROW).optional().orElseThrow(() -> new NotFound("Task " + id));
    }

    public List<Task> find(TaskFilter filter) {
        Long ownerId = null;
        if (filter.owner() != null) {
            ownerId = users.findByEmail(filter.owner().trim()).map(User::id)
                    .orElseThrow(() -> new InvalidInput("owner", "no user has the email " + filter.owner()));
        }
        SqlFilter where = new SqlFilter().and(ownerId != null, "t.owner_id = ?", ownerId)
                .and(filter.account() != null, "t.account_id = ?", filter.account())
                .and(filter.play() != null, "t.play_id = ?", filter.play())
                .and(filter.status() != null, "t.status = ?", filter.status() == null ? null : filter.status().label());
        return jdbc.sql(SELECT + where.where() + " order by t.due_on, t.id" + SqlFilter.limit(filter.limit(), 1000))
                .params(where.params()).query(ROW).list();
    }

    @Transactional
    public Task complete(long id) {
        return complete(id, null);
    }

    /** Completes a task, recording the minutes it took when said (whole minutes, 1 to 1440). */
    @Transactional
    public Task complete(long id, Integer minutesSpent) {
        if (WholeMinutes.problem(minutesSpent) != null) {
            throw new InvalidInput("minutesSpent", WholeMinutes.problem(minutesSpent));
        }
        return close(id, TaskStatus.DONE, minutesSpent);
    }

    @Transactional
    public Task cancel(long id) {
        return close(id, TaskStatus.CANCELLED, null);
    }

    private Task close(long id, TaskStatus status, Integer minutesSpent) {
        Task before = open(id);
        jdbc.sql("update task set status = ?, completed_at = ?, minutes_spent = ? where id = ?")
                .params(status.label(), Timestamp.from(clock.instant()), minutesSpent, id).update();
        Task after = get(id);
        audit.updated("task", id, (status == TaskStatus.DONE ? "Completed" : "Cancelled") + " task '" + before.title()
                + "' on account " + before.accountName(), before, after);
        if (status == TaskStatus.DONE && before.recurEvery() != null && before.playId() != null) {
            recur(before);
        }
        return after;
    }

    /**
     * A recurring task was done: the next one is due at the first slot of its interval after now (a late update does
     * not leave a trail of missed ones behind it), and at most one interval after now (one done ahead of its time does
     * not leave a double gap), for the same owner, play and account.
     */
    private void recur(Task done) {
        Duration every = done.recurEvery();
        Instant now = clock.instant();
        Instant slot = done.dueAt() != null ? done.dueAt() : done.dueOn().atStartOfDay(ZoneOffset.UTC).toInstant();
        boolean timed = done.dueAt() != null;
        do {
            slot = slot.plus(every);
        } while (timed ? !slot.isAfter(now) : !LocalDate.ofInstant(slot, ZoneOffset.UTC).isAfter(today()));
        // Never more than one interval after it was done: an hourly update done ahead of its time brings the next an hour
        // later, not two.
        Instant latest = timed ? now.plus(every) : today().atStartOfDay(ZoneOffset.UTC).toInstant().plus(every);
        if (slot.isAfter(latest)) {
            slot = latest;
        }
        Schedule next = new Schedule(LocalDate.ofInstant(slot, ZoneOffset.UTC), done.dueAt() == null ? null : slot, every, true);
        Task following = insert(done.accountId(), done.playId(), done.title(), done.description(), done.category(),
                done.ownerId(), done.team(), done.priority(), next, done.outreach() == null ? null
                        : new Outreach(done.outreach(), done.outreachTo(), done.automated()), done.occurrence() + 1);
        // It serves the same plays as the one done.
        jdbc.sql("insert into task_also_for (account_id, task_id, play_id, while_cause_lasts) select account_id, ?, play_id, "
                + "while_cause_lasts from task_also_for where task_id = ?").params(following.id(), done.id()).update();
    }

    /**
     * These plays' causes cleared: each open task they asked for is cancelled unless a play it serves still wants it. A
     * play wants it while open ({@code open}) if its step does not last only while its cause does, or if its cause still
     * holds ({@code stillCaused}); a step that recurs, or that its playbook marks {@code while-cause-lasts}, lasts only
     * while its cause does. Returns how many were cancelled.
     */
    @Transactional
    public int stopWithCause(Collection<Long> cleared, Collection<Long> open, Collection<Long> stillCaused) {
        if (cleared.isEmpty()) {
            return 0;
        }
        Set<Long> tasks = new java.util.TreeSet<>();
        jdbc.sql("select id from task where status = 'open' and play_id in (:plays)").param("plays", cleared)
                .query(Long.class).list().forEach(tasks::add);
        jdbc.sql("select f.task_id from task_also_for f join task t on t.id = f.task_id where t.status = 'open' "
                + "and f.play_id in (:plays)").param("plays", cleared).query(Long.class).list().forEach(tasks::add);
        Set<Long> openPlays = new HashSet<>(open);
        Set<Long> caused = new HashSet<>(stillCaused);
        int cancelled = 0;
        for (long id : tasks) {
            if (!wanted(id, openPlays, caused)) {
                close(id, TaskStatus.CANCELLED, null);
                cancelled++;
            }
        }
        return cancelled;
    }

    /** Whether a play among those it serves (its own and those it is also for) still wants this task (see {@link #stopWithCause}). */
    private boolean wanted(long taskId, Set<Long> open, Set<Long> stillCaused) {
        List<Map<String, Object>> links = jdbc.sql("select play_id, while_cause_lasts from task where id = ? "
                + "union all select play_id, while_cause_lasts from task_also_for where task_id = ?").params(taskId, taskId)
                .query().listOfRows();
        return links.stream().anyMatch(link -> {
            long id = ((Number) link.get("play_id")).longValue();
            return open.contains(id) && (!Boolean.TRUE.equals(link.get("while_cause_lasts")) || stillCaused.contains(id));
        });
    }

    /**
     * A play was closed: its open tasks are cancelled, but one that another of {@code stillOpen} (the account's plays
     * still open) also asked for, and still wants ({@link #stopWithCause}: {@code stillCaused} are those whose cause
     * holds), passes to that play instead. Returns how many were cancelled.
     */
    @Transactional
    public int cancelOpenOfPlay(long playId, Collection<Long> stillOpen, Collection<Long> stillCaused) {
        List<Task> open = find(new TaskFilter(null, null, playId, TaskStatus.OPEN, 1000));
        int cancelled = 0;
        for (Task task : open) {
            Optional<Map<String, Object>> heir = jdbc.sql("select play_id, while_cause_lasts from task_also_for where task_id = ? "
                    + "order by play_id").param(task.id()).query().listOfRows().stream().filter(link -> {
                        long id = ((Number) link.get("play_id")).longValue();
                        return stillOpen.contains(id) && (!Boolean.TRUE.equals(link.get("while_cause_lasts"))
                                || stillCaused.contains(id));
                    }).findFirst();
            if (heir.isPresent()) {
                Long heirPlay = ((Number) heir.get().get("play_id")).longValue();
                jdbc.sql("update task set play_id = ?, while_cause_lasts = ? where id = ?").params(heirPlay,
                        heir.get().get("while_cause_lasts"), task.id()).update();
                jdbc.sql("delete from task_also_for where task_id = ? and play_id = ?").params(task.id(), heirPlay).update();
                Task after = get(task.id());
                audit.updated("task", task.id(), "Task '" + task.title() + "' passed to play " + heirPlay
                        + " when play " + playId + " closed", task, after);
            } else {
                close(task.id(), TaskStatus.CANCELLED, null);
                cancelled++;
            }
        }
        jdbc.sql("delete from task_also_for where play_id = ?").param(playId).update();
        return cancelled;
    }

    @Transactional
    public Task reassign(long id, String ownerEmail) {
        Task before = open(id);
        var problems = new InvalidInput.Collector();
        Long owner = ownerEmail == null || ownerEmail.isBlank() ? null : owner(problems, "ownerEmail", ownerEmail);
        if (owner == null && problems.isEmpty()) {
            problems.add("ownerEmail", "is required");
        }
        problems.throwIfAny();
        jdbc.sql("update task set owner_id = ? where id = ?").params(owner, id).update();
        Task after = get(id);
        audit.updated("task", id, "Reassigned task '" + before.title() + "' to " + after.ownerEmail(), before, after);
        return after;
    }

    @Transactional
    public Task snooze(long id, LocalDate until) {
        Task before = open(id);
        if (until == null || !until.isAfter(today())) {
            throw new InvalidInput("until", "expected a day after today (" + today() + "), got " + until);
        }
        if (until.isAfter(today().plusYears(1))) {
            throw new InvalidInput("until", "expected at most a year ahead, got " + until);
        }
        jdbc.sql("update task set snoozed_until = ? where id = ?").params(Date.valueOf(until), id).update();
        Task after = get(id);
        audit.updated("task", id, "Snoozed task '" + before.title() + "' until " + until, before, after);
        return after;
    }

    /** What a bulk action does to each of its tasks. */
    public enum BulkAction {
        DONE, SNOOZE, REASSIGN;

        public static BulkAction parse(String text) {
            return text == null ? null : switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "done", "complete" -> DONE;
                case "snooze" -> SNOOZE;
                case "reassign" -> REASSIGN;
                default -> null;
            };
        }
    }

    /** Most tasks one bulk action takes. */
    public static final int MOST_IN_BULK = 500;

    /**
     * Completes, snoozes (until a day) or reassigns (to an owner) several open tasks at once, all or none: every task
     * is checked first, and any that is missing or no longer open is named with its place in the list.
     */
    @Transactional
    public List<Task> bulk(List<Long> taskIds, BulkAction action, LocalDate until, String ownerEmail) {
        var problems = new InvalidInput.Collector();
        if (action == null) {
            problems.add("action", "expected done, snooze or reassign");
        }
        if (taskIds == null || taskIds.isEmpty()) {
            problems.add("taskIds", "expected the ids of 1 to " + MOST_IN_BULK + " open tasks");
        } else if (taskIds.size() > MOST_IN_BULK) {
            problems.add("taskIds", "expected at most " + MOST_IN_BULK + " tasks at once, got " + taskIds.size());
        } else {
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (int i = 0; i < taskIds.size(); i++) {
                Long id = taskIds.get(i);
                String field = "taskIds[" + i + "]";
                if (id == null) {
                    problems.add(field, "expected a task id, got null");
                } else if (!seen.add(id)) {
                    problems.add(field, "task " + id + " is listed twice");
                } else {
                    jdbc.sql("select status from task where id = ?").param(id).query(String.class).optional().ifPresentOrElse(
                            status -> {
                                if (!TaskStatus.OPEN.label().equals(status)) {
                                    problems.add(field, "task " + id + " is " + status + ", not open");
                                }
                            }, () -> problems.add(field, "no task has the id " + id));
                }
            }
        }
        if (action == BulkAction.SNOOZE && (until == null || !until.isAfter(today()) || until.isAfter(today().plusYears(1)))) {
            problems.add("until", "expected a day after today (" + today() + ") and at most a year ahead, got " + until);
        }
        if (action == BulkAction.REASSIGN) {
            if (ownerEmail == null || ownerEmail.isBlank()) {
                problems.add("ownerEmail", "is required to reassign");
            } else {
                owner(problems, "ownerEmail", ownerEmail);
            }
        }
        problems.throwIfAny();
        return taskIds.stream().map(id -> switch (action) {
            case DONE -> complete(id);
            case SNOOZE -> snooze(id, until);
            case REASSIGN -> reassign(id, ownerEmail);
        }).toList();
    }

    /**
     * The tasks people completed in [from, to), earliest first: done by a person (not sent by Lodestar itself), on a
     * person's list (a team queue's tasks are no one CSM's time).
     */
    public List<CompletedTask> completedBetween(Instant from, Instant to) {
        return jdbc.sql("""
                select t.id, t.account_id, u.email, t.category, t.completed_at, t.minutes_spent from task t
                join app_user u on u.id = t.owner_id
                where t.status = 'done' and t.automated = false and t.completed_at >= ? and t.completed_at < ?
                order by t.completed_at, t.id""")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> new CompletedTask(rs.getLong("id"), rs.getLong("account_id"), rs.getString("email"),
                        SignalCategory.parse(rs.getString("category")), rs.getTimestamp("completed_at").toInstant(),
                        rs.getObject("minutes_spent") == null ? null : rs.getInt("minutes_spent")))
                .list();
    }

    /** Open tasks per category of each owner, for the book view: owner email → category → count. */
    public Map<String, Map<SignalCategory, Long>> openWorkByOwner() {
        Map<String, Map<SignalCategory, Long>> split = new java.util.TreeMap<>();
        jdbc.sql("select coalesce(u.email, t.team), t.category, count(*) from task t left join app_user u on u.id = t.owner_id "
                + "where t.status = 'open' and t.automated = false group by coalesce(u.email, t.team), t.category").query(rs -> {
                    split.computeIfAbsent(rs.getString(1), o -> new java.util.EnumMap<>(SignalCategory.class))
                            .put(SignalCategory.parse(rs.getString(2)), rs.getLong(3));
                });
        return split;
    }

    private Task open(long id) {
        Task task = get(id);
        if (task.status() != TaskStatus.OPEN) {
            throw new Conflict("Task " + id + " is " + task.status().label() + ", not open");
        }
        return task;
    }

    private Long owner(InvalidInput.Collector problems, String field, String email) {
        Optional<User> user = users.findByEmail(email.trim());
        if (user.isEmpty()) {
            problems.add(field, "no user has the email " + email.trim());
            return null;
        }
        if (user.get().cannotOwn("tasks") != null) {
            problems.add(field, user.get().cannotOwn("tasks"));
            return null;
        }
        return user.get().id();
    }

    private static void checkText(InvalidInput.Collector problems, String title, String description) {
        if (title == null || title.isBlank()) {
            problems.add("title", "must not be empty");
        } else {
            problems.maxLength("title", title.trim(), 300);
        }
        problems.maxLength("description", description, 5000);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static final RowMapper<Task> ROW = (rs, n) -> {
        Date snoozed = rs.getDate("snoozed_until");
        Timestamp completed = rs.getTimestamp("completed_at");
        long playId = rs.getLong("play_id");
        Long play = rs.wasNull() ? null : playId;
        long ownerId = rs.getLong("owner_id");
        Long owner = rs.wasNull() ? null : ownerId;
        return new Task(rs.getLong("id"), rs.getLong("account_id"), rs.getString("account_name"), play, rs.getString("title"),
                rs.getString("description"), SignalCategory.parse(rs.getString("category")), owner, rs.getString("owner_email"),
                Team.parse(rs.getString("team")), Priority.parse(rs.getString("priority")), rs.getDate("due_on").toLocalDate(),
                TaskStatus.parse(rs.getString("status")), snoozed == null ? null : snoozed.toLocalDate(), rs.getString("outreach"),
                rs.getString("outreach_to"), rs.getBoolean("automated"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                completed == null ? null : completed.toInstant(),
                rs.getTimestamp("due_at") == null ? null : rs.getTimestamp("due_at").toInstant(),
                rs.getObject("recur_minutes") == null ? null : Duration.ofMinutes(((Number) rs.getObject("recur_minutes")).longValue()),
                rs.getInt("occurrence"), rs.getObject("minutes_spent") == null ? null : rs.getInt("minutes_spent"));
    };
}
