package org.lodestar.plans;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.lodestar.accounts.Account;
import org.lodestar.accounts.AccountSet;
import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.Stakeholder;
import org.lodestar.accounts.Stakeholders;
import org.lodestar.accounts.TimelineKind;
import org.lodestar.accounts.Timeline;
import org.lodestar.audit.Actors;
import org.lodestar.audit.AuditLog;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.lodestar.people.User;
import org.lodestar.people.Users;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Success plans: created from a template or by hand, milestones added, edited, completed and reordered. Every change
 * is validated first (nothing is written when any field is wrong) and audited; a milestone done goes on the timeline.
 */
@Service
public class SuccessPlans {

    /** How far ahead or back a due day may be from the plan's start: a plan is months, not decades. */
    private static final int MOST_DAYS = 3660;
    private static final String MILESTONE_COLUMNS = "id, plan_id, outcome_id, position, title, owner_side, owner_user_id, "
            + "owner_contact_id, due_on, status, is_value, evidence, completed_at, completed_by";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Accounts accounts;
    private final Stakeholders stakeholders;
    private final Users users;
    private final Timeline timeline;
    private final PlanTemplates templates;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    SuccessPlans(JdbcClient jdbc, AuditLog audit, Accounts accounts, Stakeholders stakeholders, Users users, Timeline timeline,
            PlanTemplates templates, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.audit = audit;
        this.accounts = accounts;
        this.stakeholders = stakeholders;
        this.users = users;
        this.timeline = timeline;
        this.templates = templates;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The account's plans, newest first. */
    public List<SuccessPlan> listForAccount(long accountId) {
        accounts.get(accountId);
        List<Long> ids = jdbc.sql("select id from success_plan where account_id = ? order by starts_on desc, id desc")
                .param(accountId).query(Long.class).list();
        Names names = names(accountId);
        return ids.stream().map(id -> read(id, names)).toList();
    }

    public SuccessPlan get(long planId) {
        Long accountId = jdbc.sql("select account_id from success_plan where id = ?").param(planId).query(Long.class)
                .optional().orElseThrow(() -> new NotFound("Success plan " + planId));
        return read(planId, names(accountId));
    }

    public Milestone milestone(long milestoneId) {
        Long planId = jdbc.sql("select plan_id from plan_milestone where id = ?").param(milestoneId).query(Long.class)
                .optional().orElseThrow(() -> new NotFound("Milestone " + milestoneId));
        return get(planId).milestones().stream().filter(m -> m.id() == milestoneId).findFirst().orElseThrow();
    }

    /**
     * Starts a plan on the account: from {@code draft.template()} (milestones due that many days after the start, ours
     * owned by the account's owner) or from the outcomes given.
     */
    @Transactional
    public SuccessPlan create(long accountId, PlanDraft draft) {
        Account account = accounts.get(accountId);
        var problems = new InvalidInput.Collector();
        LocalDate startsOn = draft.startsOn() == null ? today() : draft.startsOn();
        if (draft.startsOn() != null && Math.abs(startsOn.toEpochDay() - today().toEpochDay()) > MOST_DAYS) {
            problems.add("startsOn", "expected a day within ten years of today (" + today() + "), got " + startsOn);
        }
        problems.maxLength("title", draft.title(), 200);
        List<PlanDraft.OutcomeDraft> outcomes;
        String template = blankToNull(draft.template());
        String title = blankToNull(draft.title());
        if (template != null) {
            if (draft.outcomes() != null && !draft.outcomes().isEmpty()) {
                problems.add("outcomes", "expected either a template or outcomes, not both");
            }
            PlanTemplate found = templates.find(template).orElse(null);
            if (found == null) {
                problems.add("template", "expected one of " + String.join(", ", templates.all().stream()
                        .map(PlanTemplate::name).toList()) + ", got '" + template + "'");
                problems.throwIfAny();
            }
            outcomes = outcomesOf(found, account, startsOn);
            title = title == null ? found.title() : title;
        } else {
            outcomes = draft.outcomes() == null ? List.of() : draft.outcomes();
            if (outcomes.isEmpty()) {
                problems.add("outcomes", "expected a template name or at least one outcome with its milestones");
            }
            if (title == null) {
                problems.add("title", "is required when the plan is not from a template");
            }
        }
        Names names = names(accountId);
        int values = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            PlanDraft.OutcomeDraft outcome = outcomes.get(i);
            String at = "outcomes[" + i + "]";
            if (outcome == null || blankToNull(outcome.title()) == null) {
                problems.add(at + ".title", "is required");
                continue;
            }
            problems.maxLength(at + ".title", outcome.title(), 300);
            List<MilestoneDraft> milestones = outcome.milestones() == null ? List.of() : outcome.milestones();
            for (int j = 0; j < milestones.size(); j++) {
                MilestoneDraft m = milestones.get(j);
                if (m == null) {
                    problems.add(at + ".milestones[" + j + "]", "is required");
                    continue;
                }
                checkMilestone(problems, at + ".milestones[" + j + "].", m, accountId, names, startsOn);
                values += Boolean.TRUE.equals(m.value()) ? 1 : 0;
            }
        }
        if (values > 1) {
            problems.add("value", "expected at most one milestone marked as the first value, got " + values);
        }
        problems.throwIfAny();
        Instant now = clock.instant();
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into success_plan (account_id, title, template, starts_on, created_at, created_by) values (?, ?, ?, ?, ?, ?)")
                .params(accountId, title.trim(), template, startsOn, Timestamp.from(now), Actors.current().name())
                .update(key, "id");
        long planId = key.getKey().longValue();
        for (int i = 0; i < outcomes.size(); i++) {
            long outcomeId = insertOutcome(planId, i + 1, outcomes.get(i).title().trim());
            List<MilestoneDraft> milestones = outcomes.get(i).milestones() == null ? List.of() : outcomes.get(i).milestones();
            for (int j = 0; j < milestones.size(); j++) {
                insertMilestone(planId, outcomeId, j + 1, milestones.get(j), now);
            }
        }
        SuccessPlan created = get(planId);
        audit.created("success-plan", planId, "Started the plan " + created.title() + " for " + account.name()
                + (template == null ? "" : " from the template " + template), created);
        events.publishEvent(new MilestonesChanged(accountId));
        return created;
    }

    /** Renames the plan or moves its start (kickoff); milestones keep their due days. */
    @Transactional
    public SuccessPlan update(long planId, PlanDraft draft) {
        SuccessPlan before = get(planId);
        var problems = new InvalidInput.Collector();
        if (draft.template() != null || draft.outcomes() != null) {
            problems.add(draft.template() != null ? "template" : "outcomes",
                    "cannot be changed on a plan; add or edit its milestones instead");
        }
        String title = draft.title() == null ? before.title() : blankToNull(draft.title());
        if (title == null) {
            problems.add("title", "must not be blank");
        }
        problems.maxLength("title", title, 200);
        LocalDate startsOn = draft.startsOn() == null ? before.startsOn() : draft.startsOn();
        if (Math.abs(startsOn.toEpochDay() - today().toEpochDay()) > MOST_DAYS) {
            problems.add("startsOn", "expected a day within ten years of today (" + today() + "), got " + startsOn);
        }
        problems.throwIfAny();
        jdbc.sql("update success_plan set title = ?, starts_on = ? where id = ?").params(title.trim(), startsOn, planId).update();
        SuccessPlan after = get(planId);
        audit.updated("success-plan", planId, "Updated the plan " + after.title(), before, after);
        return after;
    }

    /** Adds a desired outcome at the end of the plan, without milestones yet. */
    @Transactional
    public Outcome addOutcome(long planId, String title) {
        SuccessPlan plan = get(planId);
        var problems = new InvalidInput.Collector();
        String trimmed = blankToNull(title);
        if (trimmed == null) {
            problems.add("title", "is required");
        }
        problems.maxLength("title", trimmed, 300);
        problems.throwIfAny();
        int position = plan.outcomes().stream().mapToInt(Outcome::position).max().orElse(0) + 1;
        long id = insertOutcome(planId, position, trimmed.trim());
        Outcome created = get(planId).outcomes().stream().filter(o -> o.id() == id).findFirst().orElseThrow();
        audit.created("plan-outcome", id, "Added the outcome " + created.title() + " to the plan " + plan.title(), created);
        return created;
    }

    /** Removes a milestone added by mistake; the audit log keeps what it was. */
    @Transactional
    public void removeMilestone(long milestoneId) {
        Milestone before = milestone(milestoneId);
        SuccessPlan plan = get(before.planId());
        jdbc.sql("delete from plan_milestone where id = ?").param(milestoneId).update();
        audit.deleted("plan-milestone", milestoneId, "Removed the milestone " + before.title() + " from the plan " + plan.title(),
                before);
        events.publishEvent(new MilestonesChanged(plan.accountId()));
    }

    /** Adds a milestone at the end of its outcome (the plan's first outcome when none is named). */
    @Transactional
    public Milestone addMilestone(long planId, MilestoneDraft draft) {
        SuccessPlan plan = get(planId);
        var problems = new InvalidInput.Collector();
        Long outcomeId = draft.outcomeId();
        if (outcomeId == null && !plan.outcomes().isEmpty()) {
            outcomeId = plan.outcomes().getFirst().id();
        }
        Long wanted = outcomeId;
        Outcome outcome = plan.outcomes().stream().filter(o -> wanted != null && o.id() == wanted).findFirst().orElse(null);
        if (outcome == null) {
            problems.add("outcomeId", "expected one of this plan's outcomes (" + String.join(", ", plan.outcomes().stream()
                    .map(o -> o.id() + ": " + o.title()).toList()) + "), got " + draft.outcomeId());
        }
        checkMilestone(problems, "", draft, plan.accountId(), names(plan.accountId()), plan.startsOn());
        checkOneValue(problems, plan, draft, null);
        problems.throwIfAny();
        int position = outcome.milestones().stream().mapToInt(Milestone::position).max().orElse(0) + 1;
        long id = insertMilestone(planId, outcome.id(), position, draft, clock.instant());
        Milestone created = milestone(id);
        audit.created("plan-milestone", id, "Added the milestone " + created.title() + " to the plan " + plan.title(), created);
        if (created.status() == MilestoneStatus.DONE) {
            recordDone(plan, created);
        }
        events.publishEvent(new MilestonesChanged(plan.accountId()));
        return created;
    }

    /**
     * Changes a milestone: each field given replaces the one stored, a missing (null) one is kept. Done records who and
     * when, and puts the milestone on the account's timeline; moving it out of done clears them.
     */
    @Transactional
    public Milestone updateMilestone(long milestoneId, MilestoneDraft draft) {
        return update(milestoneId, draft, clock.instant());
    }

    /**
     * Records a milestone done at a moment past, for a book that arrives with its history (the demo book): as
     * {@link #updateMilestone} with status done, completed at {@code doneAt} rather than now.
     *
     * @throws IllegalArgumentException when {@code doneAt} is in the future
     */
    @Transactional
    public Milestone completeAsOf(long milestoneId, Instant doneAt, String evidence) {
        if (doneAt.isAfter(clock.instant())) {
            throw new IllegalArgumentException("a milestone cannot be done in the future: " + doneAt);
        }
        return update(milestoneId, new MilestoneDraft(null, null, null, null, null, null, MilestoneStatus.DONE, null, evidence),
                doneAt);
    }

    private Milestone update(long milestoneId, MilestoneDraft draft, Instant doneAt) {
        Milestone before = milestone(milestoneId);
        SuccessPlan plan = get(before.planId());
        var problems = new InvalidInput.Collector();
        if (draft.outcomeId() != null && draft.outcomeId() != before.outcomeId()) {
            problems.add("outcomeId", "cannot be changed; add the milestone to the other outcome instead");
        }
        boolean ownerGiven = draft.ownerSide() != null || draft.ownerUserId() != null || draft.ownerContactId() != null;
        MilestoneDraft merged = new MilestoneDraft(before.outcomeId(), draft.title() == null ? before.title() : draft.title(),
                ownerGiven ? draft.ownerSide() : before.ownerSide(), ownerGiven ? draft.ownerUserId() : before.ownerUserId(),
                ownerGiven ? draft.ownerContactId() : before.ownerContactId(),
                draft.dueOn() == null ? before.dueOn() : draft.dueOn(), draft.status() == null ? before.status() : draft.status(),
                draft.value() == null ? before.value() : draft.value(),
                draft.evidence() == null ? before.evidence() : draft.evidence());
        checkMilestone(problems, "", merged, plan.accountId(), names(plan.accountId()), plan.startsOn());
        checkOneValue(problems, plan, merged, before.id());
        problems.throwIfAny();
        boolean done = merged.status() == MilestoneStatus.DONE;
        boolean becameDone = done && before.status() != MilestoneStatus.DONE;
        Instant completedAt = becameDone ? doneAt : done ? before.completedAt() : null;
        String completedBy = becameDone ? Actors.current().name() : done ? before.completedBy() : null;
        jdbc.sql("""
                update plan_milestone set title = ?, owner_side = ?, owner_user_id = ?, owner_contact_id = ?, due_on = ?,
                       status = ?, is_value = ?, evidence = ?, completed_at = ?, completed_by = ?
                where id = ?""")
                .params(merged.title().trim(), side(merged).name(), merged.ownerUserId(), merged.ownerContactId(),
                        merged.dueOn(), merged.status().name(), Boolean.TRUE.equals(merged.value()),
                        blankToNull(merged.evidence()), completedAt == null ? null : Timestamp.from(completedAt), completedBy,
                        milestoneId)
                .update();
        Milestone after = milestone(milestoneId);
        audit.updated("plan-milestone", milestoneId, "Updated the milestone " + after.title() + " ("
                + after.status().label().replace('-', ' ') + ") of the plan " + plan.title(), before, after);
        if (becameDone) {
            recordDone(plan, after);
        }
        events.publishEvent(new MilestonesChanged(plan.accountId()));
        return after;
    }

    /** Moves a milestone one place up (earlier) or down within its outcome; at either end it stays. */
    @Transactional
    public Milestone move(long milestoneId, boolean up) {
        Milestone milestone = milestone(milestoneId);
        SuccessPlan plan = get(milestone.planId());
        List<Milestone> siblings = plan.outcomes().stream().filter(o -> o.id() == milestone.outcomeId()).findFirst()
                .orElseThrow().milestones();
        int index = siblings.indexOf(milestone);
        int other = up ? index - 1 : index + 1;
        if (other < 0 || other >= siblings.size()) {
            return milestone;
        }
        Milestone neighbour = siblings.get(other);
        jdbc.sql("update plan_milestone set position = ? where id = ?").params(neighbour.position(), milestone.id()).update();
        jdbc.sql("update plan_milestone set position = ? where id = ?").params(milestone.position(), neighbour.id()).update();
        audit.record("move", "plan-milestone", milestoneId, "Moved the milestone " + milestone.title() + (up ? " up" : " down")
                + " in the plan " + plan.title(), Map.of("position", index + 1), Map.of("position", other + 1));
        return milestone(milestoneId);
    }

    /**
     * Puts back a plan read from a whole-book export, with its positions, authors and moments as they were, unless the
     * account already has {@code occurrence} plans of that title and start (it was put back before): true when added.
     * The import checked the rows; a milestone done goes on the timeline as when it was done.
     */
    @Transactional
    public boolean restoreOnce(long accountId, RestoredPlan plan, int occurrence) {
        Account account = accounts.get(accountId);
        long already = jdbc.sql("select count(*) from success_plan where account_id = ? and title = ? and starts_on = ?")
                .params(accountId, plan.title(), plan.startsOn()).query(Long.class).single();
        if (already >= occurrence) {
            return false;
        }
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into success_plan (account_id, title, template, starts_on, created_at, created_by) values (?, ?, ?, ?, ?, ?)")
                .params(accountId, plan.title(), plan.template(), plan.startsOn(),
                        Timestamp.from(plan.createdAt() == null ? clock.instant() : plan.createdAt()),
                        plan.createdBy() == null ? Actors.current().name() : plan.createdBy())
                .update(key, "id");
        long planId = key.getKey().longValue();
        for (RestoredPlan.RestoredOutcome outcome : plan.outcomes()) {
            long outcomeId = insertOutcome(planId, outcome.position(), outcome.title());
            for (RestoredPlan.RestoredMilestone m : outcome.milestones()) {
                jdbc.sql("""
                        insert into plan_milestone (plan_id, outcome_id, position, title, owner_side, owner_user_id,
                                                    owner_contact_id, due_on, status, is_value, evidence, completed_at,
                                                    completed_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(planId, outcomeId, m.position(), m.title(), m.ownerSide().name(), m.ownerUserId(),
                                m.ownerContactId(), m.dueOn(), m.status().name(), m.value(), m.evidence(),
                                m.completedAt() == null ? null : Timestamp.from(m.completedAt()), m.completedBy())
                        .update();
            }
        }
        SuccessPlan restored = get(planId);
        audit.created("success-plan", planId, "Restored the plan " + restored.title() + " for " + account.name(), restored);
        restored.milestones().stream().filter(m -> m.status() == MilestoneStatus.DONE && m.completedAt() != null)
                .forEach(m -> recordDone(restored, m));
        events.publishEvent(new MilestonesChanged(accountId));
        return true;
    }

    /** A milestone not done, with its plan's title: what the overdue-milestone signal looks at. */
    public record OpenMilestone(long id, String title, String plan, LocalDate dueOn) {
    }

    /** The milestones not done of these accounts' plans, by account, earliest due first. */
    public Map<Long, List<OpenMilestone>> openMilestones(AccountSet accounts) {
        Map<Long, List<OpenMilestone>> byAccount = new HashMap<>();
        accounts.inParts(part -> jdbc.sql("select p.account_id, m.id, m.title, p.title, m.due_on from plan_milestone m "
                + "join success_plan p on p.id = m.plan_id where m.status <> 'DONE'" + part.where("p.account_id")
                + " order by m.due_on, m.id").params(part.params()).query(rs -> {
                    byAccount.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new OpenMilestone(rs.getLong(2),
                            rs.getString(3), rs.getString(4), rs.getObject(5, LocalDate.class)));
                }));
        return byAccount;
    }

    private void recordDone(SuccessPlan plan, Milestone done) {
        timeline.record(plan.accountId(), TimelineKind.MILESTONE, null, done.completedAt(),
                "Milestone done: " + done.title() + (done.value() ? " (first value)" : ""),
                "Plan: " + plan.title() + (done.evidence() == null ? "" : "\nEvidence: " + done.evidence()));
    }

    private void checkOneValue(InvalidInput.Collector problems, SuccessPlan plan, MilestoneDraft draft, Long self) {
        if (Boolean.TRUE.equals(draft.value())) {
            plan.milestones().stream().filter(m -> m.value() && !Objects.equals(m.id(), self)).findFirst()
                    .ifPresent(m -> problems.add("value", "the milestone '" + m.title()
                            + "' is already this plan's first value; unmark it first"));
        }
    }

    private void checkMilestone(InvalidInput.Collector problems, String at, MilestoneDraft m,
            long accountId, Names names, LocalDate startsOn) {
        if (blankToNull(m.title()) == null) {
            problems.add(at + "title", "is required");
        }
        problems.maxLength(at + "title", m.title(), 300).maxLength(at + "evidence", m.evidence(), 2000);
        if (m.dueOn() == null) {
            problems.add(at + "dueOn", "is required (a day such as " + startsOn.plusDays(30) + ")");
        } else if (Math.abs(m.dueOn().toEpochDay() - startsOn.toEpochDay()) > MOST_DAYS) {
            problems.add(at + "dueOn", "expected a day within ten years of the plan's start (" + startsOn + "), got "
                    + m.dueOn());
        }
        if (m.ownerUserId() != null && m.ownerContactId() != null) {
            problems.add(at + "ownerContactId", "a milestone has one owner: a user (ours) or a contact (the customer's), not both");
        } else if (m.ownerUserId() != null) {
            if (!names.users.containsKey(m.ownerUserId())) {
                problems.add(at + "ownerUserId", "expected the id of a Lodestar user, got " + m.ownerUserId());
            } else if (m.ownerSide() == OwnerSide.CUSTOMER) {
                problems.add(at + "ownerSide", "a user is on our side; the customer's owner is a contact (ownerContactId)");
            }
        } else if (m.ownerContactId() != null) {
            if (!names.contacts.containsKey(m.ownerContactId())) {
                problems.add(at + "ownerContactId", "expected the id of one of this account's contacts, got "
                        + m.ownerContactId());
            } else if (m.ownerSide() == OwnerSide.US) {
                problems.add(at + "ownerSide", "a contact is on the customer's side; our owner is a user (ownerUserId)");
            }
        }
    }

    private static OwnerSide side(MilestoneDraft m) {
        if (m.ownerUserId() != null) {
            return OwnerSide.US;
        }
        if (m.ownerContactId() != null) {
            return OwnerSide.CUSTOMER;
        }
        return m.ownerSide() == null ? OwnerSide.US : m.ownerSide();
    }

    private List<PlanDraft.OutcomeDraft> outcomesOf(PlanTemplate template, Account account, LocalDate startsOn) {
        Long owner = account.owner() == null ? null : account.owner().id();
        return template.outcomes().stream().map(o -> new PlanDraft.OutcomeDraft(o.title(), o.milestones().stream()
                .map(m -> new MilestoneDraft(null, m.title(), m.owner(), m.owner() == OwnerSide.US ? owner : null, null,
                        startsOn.plusDays(m.dueDays()), MilestoneStatus.NOT_STARTED, m.value(), null))
                .toList())).toList();
    }

    private long insertOutcome(long planId, int position, String title) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into plan_outcome (plan_id, position, title) values (?, ?, ?)").params(planId, position, title)
                .update(key, "id");
        return key.getKey().longValue();
    }

    private long insertMilestone(long planId, long outcomeId, int position, MilestoneDraft m, Instant now) {
        MilestoneStatus status = m.status() == null ? MilestoneStatus.NOT_STARTED : m.status();
        boolean done = status == MilestoneStatus.DONE;
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into plan_milestone (plan_id, outcome_id, position, title, owner_side, owner_user_id, owner_contact_id,
                                            due_on, status, is_value, evidence, completed_at, completed_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(planId, outcomeId, position, m.title().trim(), side(m).name(), m.ownerUserId(), m.ownerContactId(),
                        m.dueOn(), status.name(), Boolean.TRUE.equals(m.value()), blankToNull(m.evidence()),
                        done ? Timestamp.from(now) : null, done ? Actors.current().name() : null)
                .update(key, "id");
        return key.getKey().longValue();
    }

    private SuccessPlan read(long planId, Names names) {
        SuccessPlan plan = plans("where id = ?", List.of(planId)).stream().findFirst()
                .orElseThrow(() -> new NotFound("Success plan " + planId));
        return withOutcomes(plan, outcomes("where plan_id = ?", List.of(planId), id -> names));
    }

    /**
     * Every plan of the book by account, each account's as {@link #listForAccount(long)} gives them: what a whole-book
     * export keeps, in five queries.
     */
    public Map<Long, List<SuccessPlan>> byAccount() {
        List<SuccessPlan> all = plans("order by account_id, starts_on desc, id desc", List.of());
        Map<Long, Long> accountOf = new HashMap<>();
        all.forEach(p -> accountOf.put(p.id(), p.accountId()));
        Map<Long, String> userNames = userNames();
        Map<Long, List<Stakeholder>> contacts = stakeholders.byAccount();
        Map<Long, Names> names = new HashMap<>();
        Map<Long, List<Outcome>> outcomes = outcomes("", List.of(), planId -> names.computeIfAbsent(accountOf.get(planId),
                account -> new Names(userNames, contactNames(contacts.getOrDefault(account, List.of())))));
        Map<Long, List<SuccessPlan>> byAccount = new LinkedHashMap<>();
        all.forEach(p -> byAccount.computeIfAbsent(p.accountId(), k -> new ArrayList<>()).add(withOutcomes(p, outcomes)));
        return byAccount;
    }

    /** The plans {@code clauses} (where, order by) pick, without their outcomes. */
    private List<SuccessPlan> plans(String clauses, List<Object> params) {
        return jdbc.sql("select id, account_id, title, template, starts_on, created_at, created_by from success_plan "
                + clauses).params(params).query((rs, n) -> new SuccessPlan(rs.getLong("id"), rs.getLong("account_id"),
                        rs.getString("title"), rs.getString("template"), rs.getObject("starts_on", LocalDate.class),
                        rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"), List.of()))
                .list();
    }

    /**
     * The outcomes of the plans {@code where} picks, by plan, each with its milestones, whose owners are named by the
     * names of their plan ({@code names} by plan id).
     */
    private Map<Long, List<Outcome>> outcomes(String where, List<Object> params, Function<Long, Names> names) {
        Map<Long, List<Milestone>> byOutcome = new HashMap<>();
        jdbc.sql("select " + MILESTONE_COLUMNS + " from plan_milestone " + where + " order by position, id").params(params)
                .query(rs -> {
                    Milestone m = row(rs, names.apply(rs.getLong("plan_id")));
                    byOutcome.computeIfAbsent(m.outcomeId(), k -> new ArrayList<>()).add(m);
                });
        Map<Long, List<Outcome>> byPlan = new HashMap<>();
        jdbc.sql("select id, plan_id, position, title from plan_outcome " + where + " order by position, id").params(params)
                .query(rs -> {
                    byPlan.computeIfAbsent(rs.getLong("plan_id"), k -> new ArrayList<>()).add(new Outcome(rs.getLong("id"),
                            rs.getInt("position"), rs.getString("title"),
                            List.copyOf(byOutcome.getOrDefault(rs.getLong("id"), List.of()))));
                });
        return byPlan;
    }

    private static SuccessPlan withOutcomes(SuccessPlan plan, Map<Long, List<Outcome>> outcomes) {
        return new SuccessPlan(plan.id(), plan.accountId(), plan.title(), plan.template(), plan.startsOn(), plan.createdAt(),
                plan.createdBy(), outcomes.getOrDefault(plan.id(), List.of()));
    }

    private static Milestone row(ResultSet rs, Names names) throws SQLException {
        Long user = rs.getObject("owner_user_id", Long.class);
        Long contact = rs.getObject("owner_contact_id", Long.class);
        String ownerName = names == null ? null : user != null ? names.users.get(user) : contact != null ? names.contacts.get(contact) : null;
        Timestamp completed = rs.getTimestamp("completed_at");
        return new Milestone(rs.getLong("id"), rs.getLong("plan_id"), rs.getLong("outcome_id"), rs.getInt("position"),
                rs.getString("title"), OwnerSide.valueOf(rs.getString("owner_side")), user, contact, ownerName,
                rs.getObject("due_on", LocalDate.class), MilestoneStatus.valueOf(rs.getString("status")),
                rs.getBoolean("is_value"), rs.getString("evidence"), completed == null ? null : completed.toInstant(),
                rs.getString("completed_by"));
    }

    /** The names a plan's owners are shown by: every user, and the account's contacts. */
    private record Names(Map<Long, String> users, Map<Long, String> contacts) {
    }

    private Names names(long accountId) {
        return new Names(userNames(), contactNames(stakeholders.list(accountId)));
    }

    private Map<Long, String> userNames() {
        Map<Long, String> names = new HashMap<>();
        for (User u : users.list()) {
            names.put(u.id(), u.name());
        }
        return names;
    }

    private static Map<Long, String> contactNames(List<Stakeholder> contacts) {
        Map<Long, String> names = new HashMap<>();
        for (Stakeholder s : contacts) {
            names.put(s.id(), s.name());
        }
        return names;
    }

    /** The people who can own a milestone of the account's plans: users (ours) and the account's contacts. */
    public Map<Long, String> possibleUserOwners() {
        Map<Long, String> all = new LinkedHashMap<>();
        users.list().stream().filter(User::enabled).forEach(u -> all.put(u.id(), u.name()));
        return all;
    }

    public Map<Long, String> possibleContactOwners(long accountId) {
        Map<Long, String> all = new LinkedHashMap<>();
        stakeholders.list(accountId).forEach(s -> all.put(s.id(), s.name()));
        return all;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
