package org.lodestar.surveys;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.lodestar.accounts.Account;
import org.lodestar.accounts.AccountFact;
import org.lodestar.accounts.AccountRecords;
import org.lodestar.accounts.Accounts;
import org.lodestar.audit.AuditLog;
import org.lodestar.errors.InvalidInput;
import org.lodestar.infrastructure.SqlFilter;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Survey answers: validated, audited, upserted by the survey tool's id. */
@Service
public class SurveyResponses extends AccountRecords<SurveyResponse, SurveyDraft> {

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

    private static final String COLUMNS = "id, account_id, external_id, kind, score, comment, respondent_email, responded_at, "
            + "source";

    private final Clock clock;

    SurveyResponses(JdbcClient jdbc, AuditLog audit, Accounts accounts, Clock clock, ApplicationEventPublisher events) {
        super(jdbc, accounts, audit, events, new Kind("survey_response", "survey-response", AccountFact.SURVEYS,
                "A survey response", "Survey response"));
        this.clock = clock;
    }

    /** The account's answers, newest first. */
    public List<SurveyResponse> listForAccount(long accountId) {
        accounts.get(accountId);
        return jdbc.sql("select * from survey_response where account_id = ? order by responded_at desc, id desc")
                .param(accountId).query(ROW).list();
    }

    /** The answers of these accounts by account, each account's as {@link #listForAccount(long)} gives them. */
    public Map<Long, List<SurveyResponse>> byAccount(Collection<Long> accountIds) {
        return byAccount(accountIds, "responded_at desc, id desc");
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

    /** Answers across the book that the search matches, newest first: {@code limit} of them after the first {@code offset}. */
    public List<SurveyResponse> search(SurveySearch search, long offset, int limit) {
        SqlFilter where = search.where();
        return jdbc.sql("select " + COLUMNS + " from survey_response" + where.where()
                + " order by responded_at desc, id desc limit " + limit + " offset " + offset)
                .params(where.params()).query(ROW).list();
    }

    /** The counts over every answer the search matches, not one page of them. */
    public SurveyCounts count(SurveySearch search) {
        SqlFilter where = search.where();
        return jdbc.sql("select count(*), " + countOf(NpsCategory.PROMOTER) + ", " + countOf(NpsCategory.PASSIVE) + ", "
                + countOf(NpsCategory.DETRACTOR) + ", " + countOf("kind = 'CSAT'") + ", "
                + countOf("kind = 'CSAT' and score >= 4") + " from survey_response"
                + where.where()).params(where.params())
                .query((rs, n) -> new SurveyCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6))).single();
    }

    private static String countOf(NpsCategory category) {
        return countOf("kind = 'NPS' and score between " + category.lowest() + " and " + category.highest());
    }

    private static String countOf(String condition) {
        return "coalesce(sum(case when " + condition + " then 1 else 0 end), 0)";
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

    @Override
    protected RowMapper<SurveyResponse> rows() {
        return ROW;
    }

    @Override
    protected String columns() {
        return "external_id, kind, score, comment, respondent_email, responded_at, source";
    }

    @Override
    protected Object[] values(SurveyDraft clean) {
        return new Object[] { clean.externalId(), clean.kind().name(), clean.score(), clean.comment(), clean.respondentEmail(),
                Timestamp.from(clean.respondedAt()), clean.source() };
    }

    @Override
    protected String createdMessage(SurveyResponse created, Account account) {
        return "Recorded " + created.kind().label() + " " + created.score() + " from " + account.name();
    }

    @Override
    protected String updatedMessage(SurveyResponse after) {
        return "Updated " + after.kind().label() + " response " + after.externalId();
    }

    @Override
    protected String deletedMessage(SurveyResponse before) {
        return "Removed " + before.kind().label() + " response " + before.externalId();
    }

    /** Checks a draft and returns it normalised: trimmed, lower-case email, time to the second, defaults set. */
    @Override
    public SurveyDraft validate(SurveyDraft draft) {
        var problems = new InvalidInput.Collector();
        problems.externalId("externalId", draft.externalId());
        if (draft.kind() == null) {
            problems.add("kind", "expected one of " + org.lodestar.infrastructure.Labels.choices(SurveyKind.class));
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
