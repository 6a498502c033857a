package org.lodestar.feedback;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.lodestar.accounts.Account;
import org.lodestar.accounts.AccountFilter;
import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.Stakeholder;
import org.lodestar.accounts.StakeholderRole;
import org.lodestar.accounts.StakeholderStatus;
import org.lodestar.accounts.Stakeholders;
import org.lodestar.accounts.Timeline;
import org.lodestar.accounts.TimelineEntry;
import org.lodestar.accounts.UpsertOutcome;
import org.lodestar.audit.Actors;
import org.lodestar.audit.AuditLog;
import org.lodestar.errors.Conflict;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.lodestar.outreach.Outreach;
import org.lodestar.outreach.OutreachRefused;
import org.lodestar.outreach.OutreachRequest;
import org.lodestar.outreach.Preview;
import org.lodestar.outreach.Sent;
import org.lodestar.support.SupportTickets;
import org.lodestar.support.Ticket;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Feature requests: asks recorded against an account (by hand, the API, a CSV file, or tagged on a ticket or timeline
 * note), grouped under product requests, ranked by demand weighted by revenue, moved through their statuses and merged.
 * Every change is validated first and audited under the person's name. A request that ships prepares, for each account
 * that asked, an email draft to the contact who asked, checked by the wrong-customer guard and sent by a person.
 */
@Service
public class FeatureRequests {

    /** The outreach template that tells a customer their request shipped. */
    public static final String SHIPPED_TEMPLATE = "feature-shipped";
    private static final int MOST_DAYS_BACK = 3660;
    private static final int WORDS_LIMIT = 4000;
    /** The longest outreach variable; the customer's words are quoted up to this. */
    private static final int VAR_LIMIT = 2000;
    private static final String REQUEST_COLUMNS = "id, title, description, status, merged_into, created_at, created_by, "
            + "updated_at, updated_by";
    private static final String ASK_COLUMNS = "id, account_id, request_id, contact_id, words, source, source_ref, asked_on, "
            + "recorded_at, recorded_by";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Accounts accounts;
    private final Stakeholders stakeholders;
    private final Timeline timeline;
    private final SupportTickets tickets;
    private final Outreach outreach;
    private final Clock clock;

    FeatureRequests(JdbcClient jdbc, AuditLog audit, Accounts accounts, Stakeholders stakeholders, Timeline timeline,
            SupportTickets tickets, Outreach outreach, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.accounts = accounts;
        this.stakeholders = stakeholders;
        this.timeline = timeline;
        this.tickets = tickets;
        this.outreach = outreach;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    // ---- reading

    public ProductRequest get(long id) {
        return jdbc.sql("select " + REQUEST_COLUMNS + " from product_request where id = ?").param(id)
                .query((rs, n) -> request(rs)).optional().orElseThrow(() -> new NotFound("Feature request " + id));
    }

    /** The requests not merged into another, by title: what an ask can name. */
    public List<ProductRequest> open() {
        return jdbc.sql("select " + REQUEST_COLUMNS + " from product_request where merged_into is null order by lower(title), id")
                .query((rs, n) -> request(rs)).list();
    }

    /** Every request, merged ones too, the oldest first. */
    public List<ProductRequest> all() {
        return jdbc.sql("select " + REQUEST_COLUMNS + " from product_request order by created_at, id")
                .query((rs, n) -> request(rs)).list();
    }

    /**
     * The request that stands for this one now: itself, or the one it was merged into (followed to the end), what an
     * export names as a merged request's target.
     */
    public ProductRequest standingFor(long id) {
        return surviving(get(id));
    }

    /**
     * Writes a request read back from an export, its status as it was (no email is prepared for a shipped one: the
     * accounts were told where it was shipped), unless it is there: a standing request of the same title, or a merged
     * one of the same title merged into the same request. A merged one's target must stand already. Audited; whether
     * it was written.
     */
    @Transactional
    public boolean restoreOnce(RestoredRequest restored) {
        Long into = null;
        if (restored.mergedInto() != null) {
            ProductRequest target = withTitle(restored.mergedInto()).orElseThrow(() -> new InvalidInput("merged_into",
                    "no feature request titled '" + restored.mergedInto() + "' to have been merged into"));
            into = target.id();
            if (jdbc.sql("select count(*) from product_request where lower(title) = ? and merged_into = ?")
                    .params(restored.title().toLowerCase(Locale.ROOT), into).query(Long.class).single() > 0) {
                return false;
            }
        } else if (jdbc.sql("select count(*) from product_request where lower(title) = ? and merged_into is null")
                .param(restored.title().toLowerCase(Locale.ROOT)).query(Long.class).single() > 0) {
            return false;
        }
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into product_request (title, description, status, merged_into, created_at, created_by, updated_at,
                                             updated_by)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(restored.title(), restored.description(), restored.status().name(), into,
                        Timestamp.from(restored.createdAt()), restored.createdBy(), Timestamp.from(restored.updatedAt()),
                        restored.updatedBy())
                .update(key, "id");
        ProductRequest request = get(key.getKey().longValue());
        audit.created("product-request", request.id(), "Restored the feature request '" + request.title() + "' ("
                + request.status().text() + (into == null ? "" : ", merged") + ")", request);
        return true;
    }

    /** A request's asks, latest first. */
    public List<Ask> asks(long requestId) {
        get(requestId);
        return asksWhere("request_id = ?", requestId);
    }

    /** An account's asks, latest first. */
    public List<Ask> asksOf(long accountId) {
        accounts.get(accountId);
        return asksWhere("account_id = ?", accountId);
    }

    /** Requests whose titles are alike (not merged, not {@code except}), most alike first. */
    public List<ProductRequest> similar(String title, Long except) {
        Map<Long, ProductRequest> byId = new LinkedHashMap<>();
        open().stream().filter(r -> !Objects.equals(r.id(), except)).forEach(r -> byId.put(r.id(), r));
        Map<Long, String> titles = new LinkedHashMap<>();
        byId.forEach((id, r) -> titles.put(id, r.title()));
        return SimilarTitles.alike(title, titles).stream().map(byId::get).toList();
    }

    /**
     * The requests ranked by demand: of one status (all but merged ones when null), counting only the asks of accounts
     * in {@code segment} when one is given.
     */
    public List<DemandRanking.Ranked> ranking(RequestStatus status, String segment, DemandSort sort) {
        List<ProductRequest> requests = open().stream().filter(r -> status == null || r.status() == status).toList();
        Map<Long, List<Long>> askingByRequest = new HashMap<>();
        jdbc.sql("select request_id, account_id from feature_ask order by id").query(rs -> {
            askingByRequest.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
        });
        Set<Long> asking = new LinkedHashSet<>();
        askingByRequest.values().forEach(asking::addAll);
        Map<Long, DemandRanking.AccountFacts> facts = facts(asking, segment);
        List<DemandRanking.Demand> demands = requests.stream().map(r -> new DemandRanking.Demand(r.id(), r.title(),
                r.status(), askingByRequest.getOrDefault(r.id(), List.of()))).toList();
        return DemandRanking.rank(demands, facts, today(), sort == null ? DemandSort.ARR : sort);
    }

    /** One request's figures (zero when nobody asks yet). */
    public DemandRanking.Ranked figures(long requestId) {
        ProductRequest request = get(requestId);
        List<Long> asking = jdbc.sql("select account_id from feature_ask where request_id = ? order by id").param(requestId)
                .query(Long.class).list();
        List<DemandRanking.Ranked> ranked = DemandRanking.rank(List.of(new DemandRanking.Demand(request.id(),
                request.title(), request.status(), asking)), facts(new LinkedHashSet<>(asking), null), today(), DemandSort.ARR);
        return ranked.isEmpty() ? new DemandRanking.Ranked(request.id(), request.title(), request.status(), 0, 0,
                BigDecimal.ZERO, BigDecimal.ZERO, Map.of(), List.of()) : ranked.getFirst();
    }

    /** ARR, segment, band and renewal of the asking accounts, read from the book (one pass over it). */
    private Map<Long, DemandRanking.AccountFacts> facts(Set<Long> ids, String segment) {
        Map<Long, DemandRanking.AccountFacts> facts = new HashMap<>();
        if (ids.isEmpty()) {
            return facts;
        }
        String wanted = segment == null || segment.isBlank() ? null : segment.trim().toLowerCase();
        accounts.forEachMatch(AccountFilter.all(), (account, health) -> {
            if (ids.contains(account.id())) {
                var fact = new DemandRanking.AccountFacts(account.id(), account.name(), account.arr(), account.segment(),
                        health.band(), account.renewalDate());
                if (wanted == null || wanted.equals(fact.segmentOrNone().toLowerCase())) {
                    facts.put(account.id(), fact);
                }
            }
        });
        return facts;
    }

    // ---- recording asks

    /** An ask recorded, the request it went to (new or not), and other requests whose titles are alike. */
    public record Recorded(Ask ask, ProductRequest request, boolean newRequest, List<ProductRequest> similar) {
    }

    /** Records an account's ask; a new title makes a new request (an existing one of the same title is reused). */
    @Transactional
    public Recorded record(long accountId, AskDraft draft) {
        Account account = accounts.get(accountId);
        Checked checked = check(account, draft);
        return insert(account, checked);
    }

    /** Checks an ask from a file without an account (the file's columns are checked apart). */
    public void validate(AskDraft draft) {
        var problems = new InvalidInput.Collector();
        checkFields(problems, draft);
        problems.throwIfAny();
    }

    /**
     * Records an ask read from a file, once: the same account asking for the same title in the same words on the same
     * day is already there (unchanged), so a file imported twice adds nothing the second time.
     */
    @Transactional
    public UpsertOutcome importAsk(long accountId, AskDraft draft) {
        Account account = accounts.get(accountId);
        Checked checked = check(account, draft);
        if (checked.request != null) {
            boolean known = jdbc.sql("select count(*) from feature_ask where account_id = ? and request_id = ? "
                    + "and asked_on = ? and coalesce(words, '') = ?")
                    .params(accountId, checked.request.id(), checked.askedOn, checked.words == null ? "" : checked.words)
                    .query(Long.class).single() > 0;
            if (known) {
                return UpsertOutcome.UNCHANGED;
            }
        }
        insert(account, checked);
        return UpsertOutcome.CREATED;
    }

    /** An ask checked: the request it goes to (null: a new one of {@code title}) and its values. */
    private record Checked(ProductRequest request, String title, Long contactId, String words, LocalDate askedOn,
            AskSource source, Long sourceRef) {
    }

    private Checked check(Account account, AskDraft draft) {
        var problems = new InvalidInput.Collector();
        checkFields(problems, draft);
        ProductRequest request = null;
        String title = blankToNull(draft.title());
        if (draft.requestId() != null) {
            request = find(draft.requestId()).map(this::surviving).orElse(null);
            if (request == null) {
                problems.add("requestId", "no feature request " + draft.requestId());
            }
        } else if (title != null) {
            request = withTitle(title).orElse(null);
        }
        if (draft.contactId() != null && stakeholders.list(account.id()).stream().noneMatch(s -> s.id() == draft.contactId())) {
            problems.add("contactId", "contact " + draft.contactId() + " is not a contact of " + account.name());
        }
        AskSource source = draft.source() == null ? AskSource.API : draft.source();
        Long sourceRef = null;
        String words = blankToNull(draft.words());
        LocalDate askedOn = draft.askedOn();
        if (draft.ticketId() != null) {
            Ticket ticket = findTicket(draft.ticketId()).filter(t -> t.accountId() == account.id()).orElse(null);
            if (ticket == null) {
                problems.add("ticketId", "ticket " + draft.ticketId() + " is not one of " + account.name() + "'s tickets");
            } else {
                source = AskSource.TICKET;
                sourceRef = ticket.id();
                words = words != null ? words : ticket.subject() != null ? ticket.subject() : ticket.externalId();
                askedOn = askedOn != null ? askedOn : LocalDate.ofInstant(ticket.createdAt(), ZoneOffset.UTC);
            }
        } else if (draft.timelineEntryId() != null) {
            TimelineEntry entry = timeline.find(account.id(), draft.timelineEntryId()).orElse(null);
            if (entry == null) {
                problems.add("timelineEntryId", "timeline entry " + draft.timelineEntryId() + " is not on "
                        + account.name() + "'s timeline");
            } else {
                source = AskSource.NOTE;
                sourceRef = entry.id();
                words = words != null ? words : entry.body() == null ? entry.subject() : entry.subject() + ": " + entry.body();
                askedOn = askedOn != null ? askedOn : LocalDate.ofInstant(entry.occurredAt(), ZoneOffset.UTC);
            }
        }
        problems.throwIfAny();
        if (words != null && words.length() > WORDS_LIMIT) {
            words = words.substring(0, WORDS_LIMIT - 1) + "…";
        }
        return new Checked(request, title, draft.contactId(), words, askedOn == null ? today() : askedOn, source, sourceRef);
    }

    private void checkFields(InvalidInput.Collector problems, AskDraft draft) {
        String title = blankToNull(draft.title());
        if (draft.requestId() == null && title == null) {
            problems.add("title", "is required: the request in a few words, or the requestId of an existing one");
        } else if (draft.requestId() != null && title != null) {
            problems.add("title", "give either a new title or the requestId of an existing request, not both");
        }
        problems.maxLength("title", title, 200).maxLength("words", draft.words(), WORDS_LIMIT);
        if (draft.ticketId() != null && draft.timelineEntryId() != null) {
            problems.add("timelineEntryId", "an ask is tagged on a ticket or on a timeline note, not both");
        }
        if (draft.askedOn() != null) {
            if (draft.askedOn().isAfter(today())) {
                problems.add("askedOn", "must not be after today (" + today() + "), got " + draft.askedOn());
            } else if (draft.askedOn().isBefore(today().minusDays(MOST_DAYS_BACK))) {
                problems.add("askedOn", "expected a day within ten years of today (" + today() + "), got " + draft.askedOn());
            }
        }
    }

    private Recorded insert(Account account, Checked checked) {
        Instant now = clock.instant();
        String who = Actors.current().name();
        ProductRequest request = checked.request;
        boolean created = request == null;
        if (created) {
            var key = new GeneratedKeyHolder();
            jdbc.sql("insert into product_request (title, status, created_at, created_by, updated_at, updated_by) "
                    + "values (?, ?, ?, ?, ?, ?)").params(checked.title, RequestStatus.NEW.name(), Timestamp.from(now), who,
                            Timestamp.from(now), who).update(key, "id");
            request = get(key.getKey().longValue());
            audit.created("product-request", request.id(), "Opened the feature request '" + request.title() + "'", request);
        }
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into feature_ask (account_id, request_id, contact_id, words, source, source_ref, asked_on, "
                + "recorded_at, recorded_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(account.id(), request.id(), checked.contactId, checked.words, checked.source.name(),
                        checked.sourceRef, checked.askedOn, Timestamp.from(now), who)
                .update(key, "id");
        long askId = key.getKey().longValue();
        Ask ask = asksWhere("id = ?", askId).getFirst();
        audit.created("feature-ask", askId, account.name() + " asked for '" + request.title() + "' ("
                + checked.source.label() + (checked.sourceRef == null ? "" : " " + checked.sourceRef) + ")", ask);
        List<ProductRequest> similar = checked.title == null ? List.of() : similar(request.title(), request.id());
        return new Recorded(ask, request, created, similar);
    }

    // ---- changing requests

    /** A change to a request: any field given replaces the stored one. */
    public record RequestChange(String title, String description, RequestStatus status) {
    }

    /** Renames a request or moves its status; becoming shipped prepares the emails to the accounts that asked. */
    @Transactional
    public ProductRequest update(long id, RequestChange change) {
        ProductRequest before = get(id);
        if (before.mergedInto() != null) {
            throw new Conflict("The feature request '" + before.title() + "' was merged into request " + before.mergedInto()
                    + "; change that one");
        }
        var problems = new InvalidInput.Collector();
        String title = change.title() == null ? before.title() : blankToNull(change.title());
        if (title == null) {
            problems.add("title", "must not be blank");
        }
        problems.maxLength("title", title, 200).maxLength("description", change.description(), 4000);
        problems.throwIfAny();
        String description = change.description() == null ? before.description() : blankToNull(change.description());
        RequestStatus status = change.status() == null ? before.status() : change.status();
        jdbc.sql("update product_request set title = ?, description = ?, status = ?, updated_at = ?, updated_by = ? where id = ?")
                .params(title, description, status.name(), Timestamp.from(clock.instant()), Actors.current().name(), id)
                .update();
        ProductRequest after = get(id);
        String summary = status != before.status()
                ? "Moved the feature request '" + after.title() + "' from " + before.status().text() + " to " + status.text()
                : "Updated the feature request '" + after.title() + "'";
        if (status == RequestStatus.SHIPPED && before.status() != RequestStatus.SHIPPED) {
            int[] prepared = prepareNotices(after);
            summary += "; " + prepared[0] + " email(s) prepared for the accounts that asked"
                    + (prepared[1] == 0 ? "" : ", " + prepared[1] + " stopped before sending");
        }
        audit.updated("product-request", id, summary, before, after);
        return after;
    }

    /**
     * Merges a request into another: its asks move there and it remembers where it went. The status of the one kept
     * stands.
     */
    @Transactional
    public ProductRequest merge(long id, long into) {
        ProductRequest from = get(id);
        if (id == into) {
            throw new InvalidInput("into", "a request cannot be merged into itself");
        }
        ProductRequest target = find(into).orElseThrow(() -> new InvalidInput("into", "no feature request " + into));
        if (from.mergedInto() != null) {
            throw new Conflict("The feature request '" + from.title() + "' was already merged into request " + from.mergedInto());
        }
        if (target.mergedInto() != null) {
            throw new InvalidInput("into", "the request '" + target.title() + "' was itself merged into request "
                    + target.mergedInto() + "; merge into that one");
        }
        int moved = jdbc.sql("update feature_ask set request_id = ? where request_id = ?").params(into, id).update();
        jdbc.sql("update product_request set merged_into = ?, updated_at = ?, updated_by = ? where id = ?")
                .params(into, Timestamp.from(clock.instant()), Actors.current().name(), id).update();
        ProductRequest after = get(id);
        audit.record("merge", "product-request", id, "Merged the feature request '" + from.title() + "' into '"
                + target.title() + "' (" + moved + " ask(s) moved)", from, after);
        return get(into);
    }

    // ---- telling the accounts that asked

    /**
     * The email prepared for one account that asked, filled in as it would go out now; {@code blockedReason} says why it
     * cannot go (the guard, a missing value, nobody to write to), {@code sentAt} when a person sent it.
     */
    public record Notice(long requestId, long accountId, String accountName, Long contactId, String to, String subject,
            String body, String blockedReason, Instant preparedAt, Instant sentAt, String sentBy, Long sentMessageId) {

        public boolean sendable() {
            return sentAt == null && blockedReason == null;
        }
    }

    /** The emails prepared when the request shipped, as prepared, by account name. */
    public List<Notice> notices(long requestId) {
        get(requestId);
        Map<Long, String> names = new HashMap<>();
        List<Notice> notices = jdbc.sql("select account_id, contact_id, recipient, subject, body, blocked_reason, prepared_at, "
                + "sent_at, sent_by, sent_message_id from feature_shipped_notice where request_id = ?").param(requestId)
                .query((rs, n) -> {
                    long accountId = rs.getLong("account_id");
                    Timestamp sentAt = rs.getTimestamp("sent_at");
                    return new Notice(requestId, accountId, names.computeIfAbsent(accountId, this::accountName),
                            rs.getObject("contact_id", Long.class), rs.getString("recipient"), rs.getString("subject"),
                            rs.getString("body"), rs.getString("blocked_reason"), rs.getTimestamp("prepared_at").toInstant(),
                            sentAt == null ? null : sentAt.toInstant(), rs.getString("sent_by"),
                            rs.getObject("sent_message_id", Long.class));
                }).list();
        return notices.stream().sorted(Comparator.comparing(Notice::accountName, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    /**
     * Sends the prepared email to one account through outreach (the guard checks it again); refused when it was sent
     * already or the guard stops it (outreach records the attempt). Not one transaction: outreach delivers, then records.
     */
    public Sent sendNotice(long requestId, long accountId) {
        ProductRequest request = get(requestId);
        Notice notice = notices(requestId).stream().filter(n -> n.accountId() == accountId).findFirst()
                .orElseThrow(() -> new NotFound("An email about '" + request.title() + "' for account " + accountId));
        if (notice.sentAt() != null) {
            throw new Conflict("The email about '" + request.title() + "' went to " + notice.accountName() + " on "
                    + notice.sentAt() + " (by " + notice.sentBy() + ")");
        }
        if (notice.contactId() == null) {
            throw new InvalidInput("contactId", notice.blockedReason());
        }
        Sent sent;
        try {
            sent = outreach.send(shippedEmail(request, accountId, notice.contactId()));
        } catch (OutreachRefused e) {
            jdbc.sql("update feature_shipped_notice set blocked_reason = ? where account_id = ? and request_id = ?")
                    .params(truncate(e.getMessage(), 2000), accountId, requestId).update();
            throw e;
        }
        jdbc.sql("update feature_shipped_notice set sent_message_id = ?, sent_at = ?, sent_by = ?, blocked_reason = null, "
                + "recipient = ?, subject = ?, body = ? where account_id = ? and request_id = ?")
                .params(sent.id(), Timestamp.from(sent.sentAt()), Actors.current().name(), sent.to(), sent.subject(),
                        sent.body(), accountId, requestId).update();
        return sent;
    }

    /** Prepares one email per account that asked (not again for an account that has one); [prepared, stopped]. */
    private int[] prepareNotices(ProductRequest request) {
        Map<Long, Long> contactByAccount = new LinkedHashMap<>();
        for (Ask ask : asksWhere("request_id = ?", request.id())) {
            contactByAccount.putIfAbsent(ask.accountId(), null);
            if (contactByAccount.get(ask.accountId()) == null && ask.contactId() != null) {
                contactByAccount.put(ask.accountId(), ask.contactId());
            }
        }
        Set<Long> already = new LinkedHashSet<>(jdbc.sql("select account_id from feature_shipped_notice where request_id = ?")
                .param(request.id()).query(Long.class).list());
        int prepared = 0;
        int stopped = 0;
        Instant now = clock.instant();
        for (Map.Entry<Long, Long> e : contactByAccount.entrySet()) {
            if (already.contains(e.getKey())) {
                continue;
            }
            Long contact = contactToTell(e.getKey(), e.getValue());
            Notice notice = draft(request, e.getKey(), contact, now);
            jdbc.sql("insert into feature_shipped_notice (account_id, request_id, contact_id, recipient, subject, body, "
                    + "blocked_reason, prepared_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(e.getKey(), request.id(), contact, notice.to(), notice.subject(), notice.body(),
                            truncate(notice.blockedReason(), 2000), Timestamp.from(now)).update();
            prepared++;
            stopped += notice.blockedReason() == null ? 0 : 1;
        }
        return new int[] { prepared, stopped };
    }

    /** Who hears that it shipped: the contact who asked, while still there, else the champion, else the first contact. */
    private Long contactToTell(long accountId, Long asked) {
        List<Stakeholder> current = stakeholders.list(accountId).stream()
                .filter(s -> s.status() != StakeholderStatus.LEFT && s.email() != null).toList();
        if (asked != null && current.stream().anyMatch(s -> s.id() == asked)) {
            return asked;
        }
        return current.stream().filter(s -> s.role() == StakeholderRole.CHAMPION).findFirst()
                .or(() -> current.stream().findFirst()).map(Stakeholder::id).orElse(null);
    }

    /** The email for one account, filled in and checked by the guard now. */
    private Notice draft(ProductRequest request, long accountId, Long contactId, Instant preparedAt) {
        String accountName = accountName(accountId);
        if (contactId == null) {
            return new Notice(request.id(), accountId, accountName, null, null, null, null,
                    "nobody to write to: " + accountName + " has no current contact with an email", preparedAt, null,
                    null, null);
        }
        Preview preview;
        try {
            preview = outreach.preview(shippedEmail(request, accountId, contactId));
        } catch (InvalidInput e) {
            return new Notice(request.id(), accountId, accountName, contactId, null, null, null,
                    e.problems().stream().map(Object::toString).reduce((a, b) -> a + "; " + b).orElse(e.getMessage()),
                    preparedAt, null, null, null);
        }
        String blocked = preview.blockedReason() != null ? preview.blockedReason()
                : preview.missing().isEmpty() ? null : "no value for " + String.join(", ", preview.missing());
        return new Notice(request.id(), accountId, accountName, contactId, preview.to(), preview.subject(), preview.body(),
                blocked, preparedAt, null, null, null);
    }

    private String accountName(long accountId) {
        return accounts.find(accountId).map(Account::name).orElse("account " + accountId);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** The shipped email for an account: the request's title and the account's latest words for it. */
    private OutreachRequest shippedEmail(ProductRequest request, long accountId, Long contactId) {
        String words = jdbc.sql("select words from feature_ask where request_id = ? and account_id = ? and words is not null "
                + "order by asked_on desc, id desc").params(request.id(), accountId).query(String.class).list().stream()
                .findFirst().orElse(request.title());
        String asked = words.length() > VAR_LIMIT ? words.substring(0, VAR_LIMIT - 1) + "…" : words;
        return new OutreachRequest(SHIPPED_TEMPLATE, accountId, contactId, Map.of("feature", request.title(), "asked", asked));
    }

    // ---- rows

    private Optional<ProductRequest> find(long id) {
        return jdbc.sql("select " + REQUEST_COLUMNS + " from product_request where id = ?").param(id)
                .query((rs, n) -> request(rs)).optional();
    }

    /**
     * The request an ask of this title goes to: an open one of the same title (whatever the case), else the one a
     * request of that title was merged into, so that asks keep finding a merged request by its old name.
     */
    private Optional<ProductRequest> withTitle(String title) {
        List<Long> ids = jdbc.sql("select id from product_request where lower(title) = ? order by merged_into nulls first, id")
                .param(title.toLowerCase(Locale.ROOT)).query(Long.class).list();
        return ids.stream().findFirst().map(id -> surviving(get(id)));
    }

    /** The request that stands for this one: itself, or the one it was merged into (followed to the end). */
    private ProductRequest surviving(ProductRequest request) {
        ProductRequest at = request;
        for (int hops = 0; at.mergedInto() != null && hops < 100; hops++) {
            at = get(at.mergedInto());
        }
        return at;
    }

    private Optional<Ticket> findTicket(long id) {
        try {
            return Optional.of(tickets.get(id));
        } catch (NotFound e) {
            return Optional.empty();
        }
    }

    private List<Ask> asksWhere(String condition, long value) {
        Map<Long, String> accountNames = new HashMap<>();
        Map<Long, Map<Long, String>> contactNames = new HashMap<>();
        return asks("where " + condition + " order by asked_on desc, id desc", List.of(value),
                accountId -> accountNames.computeIfAbsent(accountId,
                        id -> accounts.find(id).map(Account::name).orElse("account " + id)),
                accountId -> contactNames.computeIfAbsent(accountId, id -> contactNames(stakeholders.list(id))));
    }

    /**
     * Every ask of the book by account, each account's as {@link #asksOf(long)} gives them: what a
     * whole-book export keeps, in three queries.
     */
    public Map<Long, List<Ask>> asksByAccount() {
        Map<Long, String> accountNames = accounts.names();
        Map<Long, List<Stakeholder>> contacts = stakeholders.byAccount();
        Map<Long, Map<Long, String>> contactNames = new HashMap<>();
        Map<Long, List<Ask>> byAccount = new LinkedHashMap<>();
        asks("order by account_id, asked_on desc, id desc", List.of(),
                id -> accountNames.getOrDefault(id, "account " + id),
                id -> contactNames.computeIfAbsent(id, k -> contactNames(contacts.getOrDefault(k, List.of()))))
                .forEach(a -> byAccount.computeIfAbsent(a.accountId(), k -> new ArrayList<>()).add(a));
        return byAccount;
    }

    /** The asks {@code clauses} (where, order by) pick, each named by its account's name and its contact's. */
    private List<Ask> asks(String clauses, List<Object> params, Function<Long, String> accountName,
            Function<Long, Map<Long, String>> contactNames) {
        List<Ask> asks = new ArrayList<>();
        jdbc.sql("select " + ASK_COLUMNS + " from feature_ask " + clauses).params(params).query(rs -> {
            long accountId = rs.getLong("account_id");
            Long contactId = rs.getObject("contact_id", Long.class);
            String contactName = contactId == null ? null : contactNames.apply(accountId).get(contactId);
            asks.add(ask(rs, accountName.apply(accountId), contactName));
        });
        return asks;
    }

    private static Map<Long, String> contactNames(List<Stakeholder> contacts) {
        Map<Long, String> names = new HashMap<>();
        contacts.forEach(s -> names.put(s.id(), s.name()));
        return names;
    }

    private static Ask ask(ResultSet rs, String accountName, String contactName) throws SQLException {
        return new Ask(rs.getLong("id"), rs.getLong("account_id"), accountName, rs.getLong("request_id"),
                rs.getObject("contact_id", Long.class), contactName, rs.getString("words"),
                AskSource.valueOf(rs.getString("source")), rs.getObject("source_ref", Long.class),
                rs.getObject("asked_on", LocalDate.class), rs.getTimestamp("recorded_at").toInstant(),
                rs.getString("recorded_by"));
    }

    private static ProductRequest request(ResultSet rs) throws SQLException {
        return new ProductRequest(rs.getLong("id"), rs.getString("title"), rs.getString("description"),
                RequestStatus.valueOf(rs.getString("status")), rs.getObject("merged_into", Long.class),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
