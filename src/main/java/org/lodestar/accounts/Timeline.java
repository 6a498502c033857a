package org.lodestar.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.lodestar.audit.Actors;
import org.lodestar.audit.AuditLog;
import org.lodestar.errors.InvalidInput;
import org.lodestar.infrastructure.IdLists;
import org.lodestar.infrastructure.WholeMinutes;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Each account's chronological feed: notes and activities people log, and what the system records. */
@Service
public class Timeline {

    /** What a person can log; the other kinds are written by Lodestar itself. */
    public static final Set<TimelineKind> LOGGABLE = EnumSet.of(TimelineKind.NOTE, TimelineKind.CALL,
            TimelineKind.MEETING, TimelineKind.EMAIL);
    private static final RowMapper<TimelineEntry> ROW = (rs, n) -> {
        String meeting = rs.getString("meeting_type");
        return new TimelineEntry(rs.getLong("id"), rs.getLong("account_id"), TimelineKind.valueOf(rs.getString("kind")),
                meeting == null ? null : MeetingType.valueOf(meeting), rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("subject"), rs.getString("body"), rs.getString("author"),
                rs.getObject("duration_minutes") == null ? null : rs.getInt("duration_minutes"),
                rs.getString("category") == null ? null : TimeCategory.parse(rs.getString("category")));
    };


    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    private final ApplicationEventPublisher events;

    Timeline(JdbcClient jdbc, AuditLog audit, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public List<TimelineEntry> list(long accountId, int limit) {
        return jdbc.sql("select * from timeline_entry where account_id = ? order by occurred_at desc, id desc limit ?")
                .params(accountId, Math.max(1, Math.min(limit, 1000))).query(ROW).list();
    }

    /** One entry of the account's timeline, when it has one with this id. */
    public Optional<TimelineEntry> find(long accountId, long id) {
        return jdbc.sql("select * from timeline_entry where account_id = ? and id = ?").params(accountId, id).query(ROW)
                .optional();
    }

    /** Logs a note or activity by the current actor. */
    @Transactional
    public TimelineEntry log(long accountId, ActivityDraft draft) {
        check(draft);
        Instant occurredAt = Objects.requireNonNullElse(draft.occurredAt(), clock.instant());
        TimelineEntry entry = insert(accountId, draft.kind(), draft.meetingType(), occurredAt, draft.subject().trim(),
                Accounts.blankToNull(draft.body()), draft.durationMinutes(), draft.category(), Actors.current().name());
        events.publishEvent(AccountDataChanged.of(AccountFact.RELATIONSHIP, accountId));
        audit.created("timeline-entry", entry.id(), "Logged " + draft.kind().label() + " '" + entry.subject()
                + "' on account " + accountId, entry);
        return entry;
    }

    /**
     * Logs a note or activity read back from a whole-book export, under the author who logged it, unless the account's
     * timeline has it already: {@code occurrence} entries of the same kind, moment and subject (an export may hold two
     * alike, the second with occurrence 2). True when it is new.
     */
    @Transactional
    public boolean logOnce(long accountId, ActivityDraft draft, String author, int occurrence) {
        check(draft);
        if (draft.occurredAt() == null) {
            throw new InvalidInput("occurredAt", "is required");
        }
        boolean known = jdbc.sql("select count(*) from timeline_entry where account_id = ? and kind = ? and occurred_at = ? "
                + "and subject = ?").params(accountId, draft.kind().name(), Timestamp.from(draft.occurredAt()),
                        draft.subject().trim()).query(Long.class).single() >= occurrence;
        if (known) {
            return false;
        }
        TimelineEntry entry = insert(accountId, draft.kind(), draft.meetingType(), draft.occurredAt(),
                draft.subject().trim(), Accounts.blankToNull(draft.body()), draft.durationMinutes(), draft.category(),
                author == null || author.isBlank() ? Actors.current().name() : author.trim());
        events.publishEvent(AccountDataChanged.of(AccountFact.RELATIONSHIP, accountId));
        audit.created("timeline-entry", entry.id(), "Logged " + draft.kind().label() + " '" + entry.subject()
                + "' on account " + accountId, entry);
        return true;
    }

    /**
     * The notes and activities people logged on these accounts, by account, each account's earliest first: what a
     * whole-book export keeps, read a slice of the book at a time (a query per thousand accounts) so that a large
     * timeline is never in memory whole.
     */
    public Map<Long, List<TimelineEntry>> loggedByAccount(Collection<Long> accountIds) {
        Map<Long, List<TimelineEntry>> byAccount = new LinkedHashMap<>();
        IdLists.inChunks(accountIds, (in, ids) -> jdbc.sql("select * from timeline_entry where account_id" + in
                + " and kind in ('NOTE', 'CALL', 'MEETING', 'EMAIL') order by account_id, occurred_at, id").params(ids)
                .query(ROW).list().forEach(e -> byAccount.computeIfAbsent(e.accountId(), k -> new ArrayList<>()).add(e)));
        return byAccount;
    }

    private void check(ActivityDraft draft) {
        var problems = new InvalidInput.Collector();
        if (draft.kind() == null || !LOGGABLE.contains(draft.kind())) {
            problems.add("kind", "expected one of note, call, meeting, email");
        }
        if (draft.kind() == TimelineKind.MEETING && draft.meetingType() == null) {
            problems.add("meetingType", "a meeting needs a type: kickoff, check-in, qbr or ebr");
        }
        if (draft.kind() != TimelineKind.MEETING && draft.meetingType() != null) {
            problems.add("meetingType", "only meetings have a type");
        }
        if (draft.subject() == null || draft.subject().isBlank()) {
            problems.add("subject", "must not be empty");
        } else if (draft.subject().length() > 300) {
            problems.add("subject", "must be at most 300 characters");
        }
        if (draft.body() != null && draft.body().length() > 20_000) {
            problems.add("body", "must be at most 20,000 characters");
        }
        if (WholeMinutes.problem(draft.durationMinutes()) != null) {
            problems.add("durationMinutes", WholeMinutes.problem(draft.durationMinutes()));
        }
        Instant now = clock.instant();
        if (draft.occurredAt() != null && draft.occurredAt().isAfter(now.plus(Duration.ofDays(1)))) {
            problems.add("occurredAt", "must not be in the future, got " + draft.occurredAt());
        }
        problems.throwIfAny();
    }

    /** Records something Lodestar noticed (a contact leaving, a play, a health change). */
    /** Entries in the whole book. */
    public long count() {
        return jdbc.sql("select count(*) from timeline_entry").query(Long.class).single();
    }

    @Transactional
    public TimelineEntry record(long accountId, TimelineKind kind, MeetingType meetingType, Instant occurredAt,
            String subject, String body) {
        return insert(accountId, kind, meetingType, occurredAt, subject, body, null, null, Actors.current().name());
    }

    /** The notes and activities people logged in [from, to), across the book, earliest first. */
    public List<LoggedActivity> loggedBetween(Instant from, Instant to) {
        return jdbc.sql("""
                select account_id, author, kind, meeting_type, category, occurred_at, duration_minutes from timeline_entry
                where occurred_at >= ? and occurred_at < ? and kind in ('NOTE', 'CALL', 'MEETING', 'EMAIL')
                order by occurred_at, id""")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> new LoggedActivity(rs.getLong("account_id"), rs.getString("author"),
                        TimelineKind.valueOf(rs.getString("kind")),
                        rs.getString("meeting_type") == null ? null : MeetingType.valueOf(rs.getString("meeting_type")),
                        rs.getString("category") == null ? null : TimeCategory.parse(rs.getString("category")),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getObject("duration_minutes") == null ? null : rs.getInt("duration_minutes")))
                .list();
    }

    /**
     * Records something an import found, once: an entry of this kind with this subject already on the
     * account's timeline is kept as it is. True when the entry is new.
     */
    @Transactional
    public boolean recordOnce(long accountId, TimelineKind kind, Instant occurredAt, String subject, String body) {
        boolean known = jdbc.sql("select count(*) from timeline_entry where account_id = ? and kind = ? and subject = ?")
                .params(accountId, kind.name(), subject).query(Long.class).single() > 0;
        if (known) {
            return false;
        }
        insert(accountId, kind, null, occurredAt, subject, body, null, null, Actors.current().name());
        return true;
    }

    private TimelineEntry insert(long accountId, TimelineKind kind, MeetingType meetingType, Instant occurredAt,
            String subject, String body, Integer durationMinutes, TimeCategory category, String author) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into timeline_entry (account_id, kind, meeting_type, occurred_at, subject, body, author, created_at,
                    duration_minutes, category)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(accountId, kind.name(), meetingType == null ? null : meetingType.name(),
                        Timestamp.from(occurredAt), subject, body, author,
                        Timestamp.from(clock.instant()), durationMinutes,
                        category == null ? null : category.label())
                .update(key, "id");
        return jdbc.sql("select * from timeline_entry where id = ?").param(key.getKey().longValue()).query(ROW).single();
    }
}
