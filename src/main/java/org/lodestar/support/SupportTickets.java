package org.lodestar.support;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.lodestar.accounts.Account;
import org.lodestar.accounts.AccountFact;
import org.lodestar.accounts.AccountRecords;
import org.lodestar.accounts.Accounts;
import org.lodestar.audit.AuditLog;
import org.lodestar.errors.InvalidInput;
import org.lodestar.infrastructure.Labels;
import org.lodestar.infrastructure.SqlFilter;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Support tickets: validated, audited, upserted by the support desk's id. */
@Service
public class SupportTickets extends AccountRecords<Ticket, TicketDraft> {

    /** Clocks disagree a little; a ticket stamped up to a day ahead is not "in the future". */
    private static final Duration CLOCK_SLACK = Duration.ofDays(1);
    private static final int LATEST = 10;
    private static final RowMapper<Ticket> ROW = (rs, n) -> {
        Timestamp solved = rs.getTimestamp("solved_at");
        String satisfaction = rs.getString("satisfaction");
        return new Ticket(rs.getLong("id"), rs.getLong("account_id"), rs.getString("external_id"),
                rs.getString("subject"), TicketStatus.valueOf(rs.getString("status")),
                TicketPriority.valueOf(rs.getString("priority")), rs.getBoolean("escalated"),
                rs.getTimestamp("created_at").toInstant(), solved == null ? null : solved.toInstant(),
                satisfaction == null ? null : Satisfaction.valueOf(satisfaction), rs.getString("source"));
    };

    private static final String COLUMNS = "id, account_id, external_id, subject, status, priority, escalated, created_at, "
            + "solved_at, satisfaction, source";

    private final Clock clock;

    SupportTickets(JdbcClient jdbc, AuditLog audit, Accounts accounts, Clock clock, ApplicationEventPublisher events) {
        super(jdbc, accounts, audit, events, new Kind("support_ticket", "support-ticket", AccountFact.SUPPORT, "A ticket",
                "Ticket"));
        this.clock = clock;
    }

    /** The account's tickets, newest first. */
    public List<Ticket> listForAccount(long accountId) {
        accounts.get(accountId);
        return jdbc.sql("select * from support_ticket where account_id = ? order by created_at desc, id desc")
                .param(accountId).query(ROW).list();
    }

    /** The tickets of these accounts by account, each account's as {@link #listForAccount(long)} gives them. */
    public Map<Long, List<Ticket>> byAccount(Collection<Long> accountIds) {
        return byAccount(accountIds, "created_at desc, id desc");
    }

    /** Tickets across the book, newest first. */
    public List<Ticket> find(TicketFilter filter) {
        String limit = SqlFilter.limit(filter.limit(), 1000);
        SqlFilter where = new SqlFilter()
                .and(filter.accountId() != null, "account_id = ?", filter.accountId())
                .and(filter.status() != null, "status = ?", filter.status() == null ? null : filter.status().name())
                .and(filter.priority() != null, "priority = ?", filter.priority() == null ? null : filter.priority().name())
                .and(Boolean.TRUE.equals(filter.unresolved()), "status in ('OPEN', 'PENDING')")
                .and(Boolean.FALSE.equals(filter.unresolved()), "status in ('SOLVED', 'CLOSED')");
        return jdbc.sql("select * from support_ticket" + where.where() + " order by created_at desc, id desc" + limit)
                .params(where.params()).query(ROW).list();
    }

    /** Tickets across the book that the search matches, newest first: {@code limit} of them after the first {@code offset}. */
    public List<Ticket> search(TicketSearch search, long offset, int limit) {
        SqlFilter where = search.where();
        return jdbc.sql("select " + COLUMNS + " from support_ticket" + where.where() + " order by created_at desc, id desc"
                + " limit " + limit + " offset " + offset).params(where.params()).query(ROW).list();
    }

    /** The counts over every ticket the search matches, not one page of them. */
    public TicketCounts count(TicketSearch search) {
        SqlFilter where = search.where();
        String unresolved = "status in ('OPEN', 'PENDING')";
        return jdbc.sql("select count(*), coalesce(sum(case when " + unresolved + " then 1 else 0 end), 0), "
                + "coalesce(sum(case when " + unresolved + " and priority = 'URGENT' then 1 else 0 end), 0), "
                + "coalesce(sum(case when " + unresolved + " and escalated then 1 else 0 end), 0) from support_ticket"
                + where.where()).params(where.params())
                .query((rs, n) -> new TicketCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).single();
    }

    /** Unresolved and urgent counts and the latest tickets, unresolved first. */
    public TicketSummary summary(long accountId) {
        List<Ticket> all = listForAccount(accountId);
        int unresolved = (int) all.stream().filter(Ticket::unresolved).count();
        int urgent = (int) all.stream().filter(Ticket::urgentAndUnresolved).count();
        int escalated = (int) all.stream().filter(t -> t.unresolved() && t.escalated()).count();
        List<Ticket> latest = all.stream()
                .sorted((a, b) -> Boolean.compare(b.unresolved(), a.unresolved())).limit(LATEST).toList();
        return new TicketSummary(unresolved, urgent, escalated, latest);
    }

    @Override
    protected RowMapper<Ticket> rows() {
        return ROW;
    }

    @Override
    protected String columns() {
        return "external_id, subject, status, priority, escalated, created_at, solved_at, satisfaction, source";
    }

    @Override
    protected Object[] values(TicketDraft clean) {
        return new Object[] { clean.externalId(), clean.subject(), clean.status().name(), clean.priority().name(),
                clean.escalated(), Timestamp.from(clean.createdAt()), timestamp(clean.solvedAt()),
                clean.satisfaction() == null ? null : clean.satisfaction().name(), clean.source() };
    }

    @Override
    protected String createdMessage(Ticket created, Account account) {
        return "Added " + created.priority().label() + " ticket " + created.externalId() + " to " + account.name();
    }

    @Override
    protected String updatedMessage(Ticket after) {
        return "Updated ticket " + after.externalId() + " (" + after.status().label() + ", " + after.priority().label() + ")";
    }

    @Override
    protected String deletedMessage(Ticket before) {
        return "Removed ticket " + before.externalId();
    }

    /** Checks a draft and returns it with defaults filled in and times cut to whole seconds. */
    @Override
    public TicketDraft validate(TicketDraft draft) {
        var problems = new InvalidInput.Collector();
        problems.externalId("externalId", draft.externalId()).maxLength("subject", draft.subject(), 300);
        String source = problems.source(draft.source(), "zendesk");
        TicketStatus status = Objects.requireNonNullElse(draft.status(), TicketStatus.OPEN);
        Instant now = clock.instant();
        Instant createdAt = draft.createdAt() == null ? now : draft.createdAt();
        if (createdAt.isAfter(now.plus(CLOCK_SLACK))) {
            problems.add("createdAt", "must not be in the future, got " + createdAt);
        }
        if (draft.solvedAt() != null) {
            if (status.unresolved()) {
                problems.add("solvedAt", "only a solved or closed ticket has a solved time; this one is "
                        + status.label() + " (" + Labels.choices(TicketStatus.class) + ")");
            } else if (draft.solvedAt().isBefore(createdAt)) {
                problems.add("solvedAt", "must not be before the ticket was created (" + createdAt + "), got "
                        + draft.solvedAt());
            } else if (draft.solvedAt().isAfter(now.plus(CLOCK_SLACK))) {
                problems.add("solvedAt", "must not be in the future, got " + draft.solvedAt());
            }
        }
        problems.throwIfAny();
        return new TicketDraft(draft.externalId().trim(), blankToNull(draft.subject()), status,
                Objects.requireNonNullElse(draft.priority(), TicketPriority.NORMAL),
                Boolean.TRUE.equals(draft.escalated()), seconds(createdAt), seconds(draft.solvedAt()),
                draft.satisfaction(), source);
    }

    private static Instant seconds(Instant instant) {
        return instant == null ? null : instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
