package org.lodestar.surveys;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.lodestar.accounts.Account;
import org.lodestar.accounts.AccountDataChanged;
import org.lodestar.accounts.AccountFact;
import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.UpsertOutcome;
import org.lodestar.audit.AuditLog;
import org.lodestar.web.Conflict;
import org.lodestar.web.InvalidInput;
import org.lodestar.web.NotFound;
import org.lodestar.web.SqlFilter;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Survey answers: validated, audited, upserted by the survey tool's id. */
@Service
public class SurveyResponses {

    private static final Duration CLOCK_SLACK = Duration.ofDays(1);
    /** The account page's window for NPS and CSAT: a year of answers. */
    static final int WINDOW_DAYS = 365;
    private static final int LATEST = 5;
    private static final RowMapper<SurveyResponse> ROW = (rs, n) -> {
        SurveyKind kind = SurveyKind.valueOf(rs.getString("kind"));
        int score = rs.getInt("score");
        return new SurveyResponse(rs.getLong("id"), rs.getLong("account_id"), rs.getString("external_id"), kind, score,
                kind == SurveyKind.NPS ? NpsCategory.of(score) : null, rs.getString("comment"),
                rs.getString("respondent_email"), rs.getTimestamp("responded_at").toInstant(), rs.getString("source"));
    };

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Accounts accounts;
    private final Clock clock;

    private final ApplicationEventPublisher events;

    SurveyResponses(JdbcClient jdbc, AuditLog audit, Accounts accounts, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.audit = audit;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** The account's answers, newest first. */
    public List<SurveyResponse> listForAccount(long accountId) {
        accounts.get(accountId);
        return jdbc.sql("select * from survey_response where account_id = ? order by responded_at desc, id desc")
                .param(accountId).query(ROW).list();
    }

    /** Answers across the book, newest first. */
    public List<SurveyResponse> find(SurveyFilter filter) {
        String limit = SqlFilter.limit(filter.limit(), 1000);
        NpsCategory category = filter.category();
        if (category != null && filter.kind() == SurveyKind.CSAT) {
            throw new InvalidInput("category", "only NPS answers have a category; drop kind=csat or category");
        }
        SqlFilter where = new SqlFilter()
                .and(filter.accountId() != null, "account_id = ?", filter.accountId())
                .and(filter.kind() != null, "kind = ?", filter.kind() == null ? null : filter.kind().name())
                .and(category != null, "kind = 'NPS' and score between ? and ?",
                        category == null ? null : category.lowest(), category == null ? null : category.highest());
        return jdbc.sql("select * from survey_response" + where.where() + " order by responded_at desc, id desc" + limit)
                .params(where.params()).query(ROW).list();
    }

    /** NPS and CSAT over the last year on the injected clock, and the latest answers. */
    public SentimentSummary summary(long accountId) {
        List<SurveyResponse> all = listForAccount(accountId);
        Instant since = clock.instant().minus(WINDOW_DAYS, ChronoUnit.DAYS);
        List<SurveyResponse> recent = all.stream().filter(r -> !r.respondedAt().isBefore(since)).toList();
        List<Integer> nps = recent.stream().filter(r -> r.kind() == SurveyKind.NPS).map(SurveyResponse::score).toList();
        List<Integer> csat = recent.stream().filter(r -> r.kind() == SurveyKind.CSAT).map(SurveyResponse::score).toList();
        return new SentimentSummary(WINDOW_DAYS, SurveyScores.netPromoterScore(nps),
                count(recent, NpsCategory.PROMOTER), count(recent, NpsCategory.PASSIVE),
                count(recent, NpsCategory.DETRACTOR), SurveyScores.csatPercent(csat), csat.size(),
                all.stream().limit(LATEST).toList());
    }

    private static int count(List<SurveyResponse> responses, NpsCategory category) {
        return (int) responses.stream().filter(r -> r.category() == category).count();
    }

    public SurveyResponse get(long id) {
        return jdbc.sql("select * from survey_response where id = ?").param(id).query(ROW).optional()
                .orElseThrow(() -> new NotFound("Survey response " + id));
    }

    public Optional<SurveyResponse> findByExternalId(String externalId) {
        return jdbc.sql("select * from survey_response where external_id = ?").param(externalId).query(ROW).optional();
    }

    @Transactional
    public SurveyResponse create(long accountId, SurveyDraft draft) {
        Account account = accounts.get(accountId);
        SurveyDraft clean = validate(draft);
        if (findByExternalId(clean.externalId()).isPresent()) {
            throw new Conflict("A survey response with external id " + clean.externalId() + " already exists");
        }
        jdbc.sql("""
                insert into survey_response (account_id, external_id, kind, score, comment, respondent_email,
                                             responded_at, source)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(accountId, clean.externalId(), clean.kind().name(), clean.score(), clean.comment(),
                        clean.respondentEmail(), Timestamp.from(clean.respondedAt()), clean.source())
                .update();
        SurveyResponse created = findByExternalId(clean.externalId()).orElseThrow();
        events.publishEvent(AccountDataChanged.of(AccountFact.SURVEYS, created.accountId()));
        audit.created("survey-response", created.id(), "Recorded " + created.kind().label() + " " + created.score()
                + " from " + account.name(), created);
        return created;
    }

    @Transactional
    public SurveyResponse update(long id, SurveyDraft draft) {
        SurveyResponse before = get(id);
        return update(before, before.accountId(), validate(draft));
    }

    private SurveyResponse update(SurveyResponse before, long accountId, SurveyDraft clean) {
        if (!clean.externalId().equals(before.externalId()) && findByExternalId(clean.externalId()).isPresent()) {
            throw new Conflict("A survey response with external id " + clean.externalId() + " already exists");
        }
        jdbc.sql("""
                update survey_response set account_id = ?, external_id = ?, kind = ?, score = ?, comment = ?,
                       respondent_email = ?, responded_at = ?, source = ?
                where id = ?""")
                .params(accountId, clean.externalId(), clean.kind().name(), clean.score(), clean.comment(),
                        clean.respondentEmail(), Timestamp.from(clean.respondedAt()), clean.source(), before.id())
                .update();
        SurveyResponse after = get(before.id());
        events.publishEvent(AccountDataChanged.of(AccountFact.SURVEYS, before.accountId(), after.accountId()));
        audit.updated("survey-response", before.id(), "Updated " + after.kind().label() + " response "
                + after.externalId(), before, after);
        return after;
    }

    /** Creates the answer with the draft's external id, or updates it; an identical draft changes nothing. */
    @Transactional
    public UpsertOutcome upsert(long accountId, SurveyDraft draft) {
        SurveyDraft clean = validate(draft);
        Optional<SurveyResponse> existing = findByExternalId(clean.externalId());
        if (existing.isEmpty()) {
            create(accountId, clean);
            return UpsertOutcome.CREATED;
        }
        SurveyResponse r = existing.get();
        if (r.accountId() == accountId && r.asDraft().equals(clean)) {
            return UpsertOutcome.UNCHANGED;
        }
        accounts.get(accountId);
        update(r, accountId, clean);
        return UpsertOutcome.UPDATED;
    }

    @Transactional
    public void delete(long id) {
        SurveyResponse before = get(id);
        jdbc.sql("delete from survey_response where id = ?").param(id).update();
        events.publishEvent(AccountDataChanged.of(AccountFact.SURVEYS, before.accountId()));
        audit.deleted("survey-response", id, "Removed " + before.kind().label() + " response " + before.externalId(),
                before);
    }

    /** Checks a draft and returns it normalised: trimmed, lower-case email, time to the second, defaults set. */
    public SurveyDraft validate(SurveyDraft draft) {
        var problems = new InvalidInput.Collector();
        problems.externalId("externalId", draft.externalId());
        if (draft.kind() == null) {
            problems.add("kind", "expected one of " + org.lodestar.web.Labels.choices(SurveyKind.class));
        }
        if (draft.score() == null) {
            problems.add("score", "required: " + (draft.kind() == null ? "0 to 10 for NPS, 1 to 5 for CSAT"
                    : draft.kind().lowest() + " to " + draft.kind().highest() + " for " + draft.kind().label()));
        } else if (draft.kind() != null && !draft.kind().allows(draft.score())) {
            problems.add("score", "expected " + draft.kind().lowest() + " to " + draft.kind().highest() + " for "
                    + draft.kind().label() + ", got " + draft.score());
        }
        problems.maxLength("comment", draft.comment(), 5000);
        String email = draft.respondentEmail() == null || draft.respondentEmail().isBlank() ? null
                : draft.respondentEmail().trim().toLowerCase();
        problems.email("respondentEmail", email);
        String source = problems.source(draft.source(), "delighted");
        Instant now = clock.instant();
        Instant respondedAt = draft.respondedAt() == null ? now : draft.respondedAt();
        if (respondedAt.isAfter(now.plus(CLOCK_SLACK))) {
            problems.add("respondedAt", "must not be in the future, got " + respondedAt);
        }
        problems.throwIfAny();
        String comment = draft.comment() == null || draft.comment().isBlank() ? null : draft.comment().trim();
        return new SurveyDraft(draft.externalId().trim(), draft.kind(), draft.score(), comment, email,
                respondedAt.truncatedTo(ChronoUnit.SECONDS), source);
    }
}
