package org.lodestar.surveys;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lodestar.accounts.AccountSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Survey answers of many accounts over a range of days, read in bulk: the one place scorecards,
 * signal rules, the backtest and the churn model learn what customers said.
 */
@Repository
public class SentimentFacts {

    /** One answer, on the UTC day it was given. */
    public record Answer(long id, int score, LocalDate on, String respondent, String comment) {
    }

    private final JdbcClient jdbc;

    SentimentFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Answers to the question from the start of {@code from} to the end of {@code to}, oldest first. */
    public Map<Long, List<Answer>> answers(AccountSet accounts, SurveyKind kind, LocalDate from, LocalDate to) {
        Map<Long, List<Answer>> answers = new HashMap<>();
        accounts.inParts(part -> jdbc.sql("select id, account_id, score, responded_at, respondent_email, comment from survey_response "
                + "where kind = ? and responded_at >= ? and responded_at < ?" + part.where("account_id")
                + " order by responded_at, id")
                .params(part.params(kind.name(), from.atStartOfDay().atOffset(ZoneOffset.UTC),
                        to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC)))
                .query(rs -> {
                    answers.computeIfAbsent(rs.getLong(2), a -> new ArrayList<>()).add(new Answer(rs.getLong(1), rs.getInt(3),
                            LocalDate.ofInstant(rs.getTimestamp(4).toInstant(), ZoneOffset.UTC), rs.getString(5), rs.getString(6)));
                }));
        return answers;
    }

    /** The mean score of answers, to two decimals (null for none). */
    /** The day of each account's latest survey answer, one dated in the future included (a mis-dated import). */
    public Map<Long, LocalDate> latestAnswered(AccountSet accounts) {
        Map<Long, LocalDate> latest = new HashMap<>();
        accounts.inParts(part -> jdbc.sql("select account_id, max(responded_at) from survey_response where 1 = 1"
                + part.where("account_id") + " group by account_id").params(part.params()).query(rs -> {
                    latest.put(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).atZoneSameInstant(ZoneOffset.UTC).toLocalDate());
                }));
        return latest;
    }

    public static BigDecimal mean(List<Answer> answers) {
        if (answers == null || answers.isEmpty()) {
            return null;
        }
        long sum = answers.stream().mapToLong(Answer::score).sum();
        return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(answers.size()), 2, RoundingMode.HALF_UP);
    }
}
