package org.lodestar.plans;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.Stakeholder;
import org.lodestar.accounts.StakeholderStatus;
import org.lodestar.accounts.Stakeholders;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.audit.AuditLog;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.lodestar.plans.LinkRefused.Reason;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Links that show a plan to one of the customer's contacts without a login: issued for a number of days (30 unless
 * said, at most 90), listed, revoked; opened by token, where the contact marks the milestones they own done, audited
 * under their name. Issuing and revoking are audited under the CSM's.
 */
@Service
public class PlanLinks {

    public static final int DEFAULT_DAYS = 30;
    public static final int MOST_DAYS = 90;
    public static final String PATH = "/shared/plans/";
    private static final String COLUMNS = "id, account_id, plan_id, contact_id, expires_at, created_at, created_by, "
            + "revoked_at, revoked_by, last_used_at";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final SuccessPlans plans;
    private final Accounts accounts;
    private final Stakeholders stakeholders;
    private final ShareLinkSecret secret;
    private final Clock clock;
    private final String baseUrl;

    PlanLinks(JdbcClient jdbc, AuditLog audit, SuccessPlans plans, Accounts accounts, Stakeholders stakeholders,
            ShareLinkSecret secret, Clock clock, @Value("${lodestar.base-url:http://localhost:8080}") String baseUrl) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.plans = plans;
        this.accounts = accounts;
        this.stakeholders = stakeholders;
        this.secret = secret;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Makes a link to the plan for one of its account's contacts, good for {@code days} (30 when null). */
    @Transactional
    public IssuedPlanLink issue(long planId, Long contactId, Integer days) {
        SuccessPlan plan = plans.get(planId);
        var problems = new InvalidInput.Collector();
        Stakeholder contact = null;
        if (contactId == null) {
            problems.add("contactId", "is required: the customer's contact the link is for");
        } else {
            contact = stakeholders.list(plan.accountId()).stream().filter(s -> s.id() == contactId).findFirst().orElse(null);
            if (contact == null) {
                problems.add("contactId", "expected the id of one of this account's contacts, got " + contactId);
            } else if (hasLeft(contact)) {
                problems.add("contactId", contact.name() + " has left the customer; share the plan with someone still there");
            }
        }
        int validFor = days == null ? DEFAULT_DAYS : days;
        if (validFor < 1 || validFor > MOST_DAYS) {
            problems.add("expiresInDays", "expected 1 to " + MOST_DAYS + " days, got " + validFor);
        }
        problems.throwIfAny();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(Duration.ofDays(validFor));
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into plan_link (account_id, plan_id, contact_id, expires_at, created_at, created_by) "
                + "values (?, ?, ?, ?, ?, ?)")
                .params(plan.accountId(), planId, contactId, Timestamp.from(expiresAt), Timestamp.from(now),
                        Actors.current().name())
                .update(key, "id");
        PlanLink link = find(plan.accountId(), key.getKey().longValue()).orElseThrow();
        audit.created("plan-link", link.id(), "Shared the plan " + plan.title() + " with " + contact.name()
                + " until " + expiresAt, link);
        String token = secret.tokens().sign(link.accountId(), link.id(), expiresAt);
        return new IssuedPlanLink(link, baseUrl + PATH + token);
    }

    /** The plan's links, newest first. */
    public List<PlanLink> list(long planId) {
        SuccessPlan plan = plans.get(planId);
        Map<Long, String> names = plans.possibleContactOwners(plan.accountId());
        Instant now = clock.instant();
        return jdbc.sql("select " + COLUMNS + " from plan_link where account_id = ? and plan_id = ? order by created_at desc, id desc")
                .params(plan.accountId(), planId).query((rs, n) -> row(rs, names, now)).list();
    }

    /** Withdraws a link: it opens no more. Revoking one already revoked changes nothing. */
    @Transactional
    public PlanLink revoke(long planId, long linkId) {
        SuccessPlan plan = plans.get(planId);
        PlanLink before = find(plan.accountId(), linkId).filter(l -> l.planId() == planId)
                .orElseThrow(() -> new NotFound("Link " + linkId + " of the plan " + planId));
        if (before.revokedAt() != null) {
            return before;
        }
        jdbc.sql("update plan_link set revoked_at = ?, revoked_by = ? where account_id = ? and id = ?")
                .params(Timestamp.from(clock.instant()), Actors.current().name(), plan.accountId(), linkId).update();
        PlanLink after = find(plan.accountId(), linkId).orElseThrow();
        audit.updated("plan-link", linkId, "Revoked the link to the plan " + plan.title() + " shared with "
                + after.contactName(), before, after);
        return after;
    }

    /** The plan behind a token, for its contact; the link's last use is now. */
    @Transactional
    public SharedPlan open(String token) {
        PlanLinkTokens.Reading reading = secret.tokens().read(token, clock.instant());
        PlanLinkTokens.Claims claims = switch (reading) {
            case PlanLinkTokens.Valid v -> v.claims();
            case PlanLinkTokens.Expired e -> e.claims();
            case PlanLinkTokens.Invalid i -> throw new LinkRefused(Reason.UNKNOWN);
        };
        PlanLink link = find(claims.accountId(), claims.linkId())
                .filter(l -> l.expiresAt().equals(claims.expiresAt()))
                .orElseThrow(() -> new LinkRefused(Reason.UNKNOWN));
        if (link.revokedAt() != null) {
            throw new LinkRefused(Reason.WITHDRAWN);
        }
        if (reading instanceof PlanLinkTokens.Expired) {
            throw new LinkRefused(Reason.EXPIRED);
        }
        Stakeholder contact = stakeholders.list(link.accountId()).stream().filter(s -> s.id() == link.contactId())
                .findFirst().orElse(null);
        if (contact == null || hasLeft(contact)) {
            throw new LinkRefused(Reason.WITHDRAWN);
        }
        jdbc.sql("update plan_link set last_used_at = ? where account_id = ? and id = ?")
                .params(Timestamp.from(clock.instant()), link.accountId(), link.id()).update();
        return new SharedPlan(link.id(), accounts.get(link.accountId()).name(), contact.id(), contact.name(),
                link.expiresAt(), plans.get(link.planId()));
    }

    /**
     * The contact marks a milestone they own done, with an optional note as evidence: through {@link SuccessPlans},
     * so the timeline and signals follow as for a CSM, audited as the contact.
     */
    @Transactional
    public Milestone markDone(String token, long milestoneId, String note) {
        SharedPlan shared = open(token);
        Milestone milestone = shared.plan().milestones().stream().filter(m -> m.id() == milestoneId).findFirst()
                .orElseThrow(() -> new LinkRefused(Reason.UNKNOWN));
        if (!shared.owns(milestone)) {
            throw new LinkRefused(Reason.NOT_YOURS);
        }
        if (milestone.status() == MilestoneStatus.DONE) {
            return milestone;
        }
        Stakeholder contact = stakeholders.get(shared.plan().accountId(), shared.contactId());
        Actor actor = Actor.customer(contact.name(), contact.email(), "shared link");
        return Actors.runAs(actor, () -> plans.updateMilestone(milestoneId, new MilestoneDraft(null, null, null, null,
                null, null, MilestoneStatus.DONE, null, note == null || note.isBlank() ? null : note.trim())));
    }

    /** The account's contacts a plan can be shared with (those still with the customer), by id: name and email. */
    public Map<Long, String> shareableContacts(long accountId) {
        Map<Long, String> contacts = new LinkedHashMap<>();
        stakeholders.list(accountId).stream().filter(s -> !hasLeft(s))
                .forEach(s -> contacts.put(s.id(), s.name() + (s.email() == null ? "" : " <" + s.email() + ">")));
        return contacts;
    }

    private static boolean hasLeft(Stakeholder contact) {
        return contact.status() == StakeholderStatus.LEFT || contact.leftOn() != null;
    }

    private Optional<PlanLink> find(long accountId, long linkId) {
        Map<Long, String> names = plans.possibleContactOwners(accountId);
        Instant now = clock.instant();
        return jdbc.sql("select " + COLUMNS + " from plan_link where account_id = ? and id = ?").params(accountId, linkId)
                .query((rs, n) -> row(rs, names, now)).optional();
    }

    private static PlanLink row(ResultSet rs, Map<Long, String> names, Instant now) throws SQLException {
        Instant expiresAt = rs.getTimestamp("expires_at").toInstant();
        Instant revokedAt = instant(rs, "revoked_at");
        PlanLink.Status status = revokedAt != null ? PlanLink.Status.REVOKED
                : now.isBefore(expiresAt) ? PlanLink.Status.ACTIVE : PlanLink.Status.EXPIRED;
        long contactId = rs.getLong("contact_id");
        return new PlanLink(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("plan_id"), contactId,
                names.getOrDefault(contactId, "a removed contact"), expiresAt, rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"), revokedAt, rs.getString("revoked_by"), instant(rs, "last_used_at"), status);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
