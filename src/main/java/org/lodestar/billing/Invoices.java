package org.lodestar.billing;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

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

/** Invoices: validated, audited, upserted by the billing system's id; overdue by the injected clock. */
@Service
public class Invoices extends AccountRecords<Invoice, InvoiceDraft> {

    private static final Pattern CURRENCY = Pattern.compile("^[A-Za-z]{3}$");
    /** numeric(14, 2): twelve digits before the point. */
    private static final BigDecimal LARGEST = new BigDecimal("999999999999.99");
    private static final int LATEST = 12;
    private static final String OWED = "status in ('OPEN', 'UNCOLLECTIBLE')";

    private static final String COLUMNS = "id, account_id, external_id, number, currency, amount_due, amount_paid, issued_on, "
            + "due_on, paid_on, status, source";

    private final Clock clock;

    Invoices(JdbcClient jdbc, AuditLog audit, Accounts accounts, Clock clock, ApplicationEventPublisher events) {
        super(jdbc, accounts, audit, events, new Kind("invoice", "invoice", AccountFact.BILLING, "An invoice", "Invoice"));
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    @Override
    protected RowMapper<Invoice> rows() {
        LocalDate today = today();
        return (rs, n) -> {
            InvoiceStatus status = InvoiceStatus.valueOf(rs.getString("status"));
            BigDecimal due = rs.getBigDecimal("amount_due").setScale(2);
            BigDecimal paid = rs.getBigDecimal("amount_paid").setScale(2);
            LocalDate dueOn = date(rs.getDate("due_on"));
            return new Invoice(rs.getLong("id"), rs.getLong("account_id"), rs.getString("external_id"),
                    rs.getString("number"), rs.getString("currency"), due, paid,
                    Invoice.outstanding(status, due, paid), rs.getDate("issued_on").toLocalDate(), dueOn,
                    date(rs.getDate("paid_on")), status, Invoice.daysOverdue(status, dueOn, today),
                    rs.getString("source"));
        };
    }

    /** The account's invoices, newest first. */
    public List<Invoice> listForAccount(long accountId) {
        accounts.get(accountId);
        return jdbc.sql("select * from invoice where account_id = ? order by issued_on desc, id desc")
                .param(accountId).query(rows()).list();
    }

    /** The invoices of these accounts by account, each account's as {@link #listForAccount(long)} gives them. */
    public Map<Long, List<Invoice>> byAccount(Collection<Long> accountIds) {
        return byAccount(accountIds, "issued_on desc, id desc");
    }

    /** Invoices across the book: overdue ones longest overdue first, otherwise newest first. */
    public List<Invoice> find(InvoiceFilter filter) {
        String limit = SqlFilter.limit(filter.limit(), 1000);
        Date today = Date.valueOf(today());
        SqlFilter where = new SqlFilter()
                .and(filter.accountId() != null, "account_id = ?", filter.accountId())
                .and(filter.status() != null, "status = ?", filter.status() == null ? null : filter.status().name())
                .and(Boolean.TRUE.equals(filter.overdue()), OWED + " and due_on < ?", today)
                .and(Boolean.FALSE.equals(filter.overdue()), "not (" + OWED + " and due_on is not null and due_on < ?)",
                        today);
        String order = Boolean.TRUE.equals(filter.overdue()) ? " order by due_on, id" : " order by issued_on desc, id desc";
        return jdbc.sql("select * from invoice" + where.where() + order + limit).params(where.params())
                .query(rows()).list();
    }

    /**
     * Invoices across the book that the search matches, {@code limit} of them after the first {@code offset}: overdue
     * ones longest overdue first, otherwise newest first.
     */
    public List<Invoice> search(InvoiceSearch search, long offset, int limit) {
        SqlFilter where = search.where(today());
        String order = search.overdueOnly() ? " order by due_on, id" : " order by issued_on desc, id desc";
        return jdbc.sql("select " + COLUMNS + " from invoice" + where.where() + order + " limit " + limit + " offset " + offset)
                .params(where.params()).query(rows()).list();
    }

    /** The counts and what is owed per currency over every invoice the search matches, not one page of them. */
    public InvoiceCounts count(InvoiceSearch search) {
        LocalDate today = today();
        SqlFilter where = search.where(today);
        List<Object> params = new ArrayList<>();
        params.add(Date.valueOf(today));
        params.addAll(where.params());
        record PerCurrency(String currency, long invoices, long overdue, BigDecimal owed) {
        }
        List<PerCurrency> rows = jdbc.sql("select currency, count(*), "
                + "coalesce(sum(case when " + InvoiceSearch.OVERDUE + " then 1 else 0 end), 0), "
                + "coalesce(sum(case when " + OWED + " and amount_due > amount_paid then amount_due - amount_paid else 0 end), 0) "
                + "from invoice" + where.where() + " group by currency").params(params)
                .query((rs, n) -> new PerCurrency(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getBigDecimal(4).setScale(2)))
                .list();
        Map<String, BigDecimal> outstanding = new TreeMap<>();
        rows.stream().filter(r -> r.owed().signum() > 0).forEach(r -> outstanding.put(r.currency(), r.owed()));
        return new InvoiceCounts(rows.stream().mapToLong(PerCurrency::invoices).sum(),
                rows.stream().mapToLong(PerCurrency::overdue).sum(), outstanding);
    }

    /** What the account owes, what is overdue, and its latest invoices. */
    public BillingSummary summary(long accountId) {
        List<Invoice> all = listForAccount(accountId);
        Map<String, BigDecimal> outstanding = new TreeMap<>();
        all.stream().filter(i -> i.outstanding().signum() > 0)
                .forEach(i -> outstanding.merge(i.currency(), i.outstanding(), BigDecimal::add));
        int overdue = (int) all.stream().filter(Invoice::overdue).count();
        int longest = all.stream().mapToInt(Invoice::daysOverdue).max().orElse(0);
        return new BillingSummary(outstanding, overdue, longest, all.stream().limit(LATEST).toList());
    }

    @Override
    protected String columns() {
        return "external_id, number, currency, amount_due, amount_paid, issued_on, due_on, paid_on, status, source";
    }

    @Override
    protected Object[] values(InvoiceDraft clean) {
        return new Object[] { clean.externalId(), clean.number(), clean.currency(), clean.amountDue(), clean.amountPaid(),
                Date.valueOf(clean.issuedOn()), sqlDate(clean.dueOn()), sqlDate(clean.paidOn()), clean.status().name(),
                clean.source() };
    }

    @Override
    protected String createdMessage(Invoice created, Account account) {
        return "Added invoice " + created.externalId() + " of " + created.currency() + " " + created.amountDue().toPlainString()
                + " to " + account.name();
    }

    @Override
    protected String updatedMessage(Invoice after) {
        return "Updated invoice " + after.externalId() + " (" + after.status().label() + ")";
    }

    @Override
    protected String deletedMessage(Invoice before) {
        return "Removed invoice " + before.externalId();
    }

    @Override
    protected Object audited(Invoice invoice) {
        return stored(invoice);
    }

    /** Checks a draft and returns it normalised: upper-case currency, amounts to the cent, defaults set. */
    @Override
    public InvoiceDraft validate(InvoiceDraft draft) {
        var problems = new InvalidInput.Collector();
        problems.externalId("externalId", draft.externalId()).maxLength("number", draft.number(), 100);
        if (draft.currency() == null || !CURRENCY.matcher(draft.currency().trim()).matches()) {
            problems.add("currency", "expected a three-letter ISO 4217 code such as USD or EUR, got '"
                    + draft.currency() + "'");
        }
        amount(problems, "amountDue", draft.amountDue(), true);
        amount(problems, "amountPaid", draft.amountPaid(), false);
        if (draft.issuedOn() == null) {
            problems.add("issuedOn", "required, as YYYY-MM-DD");
        } else {
            if (draft.dueOn() != null && draft.dueOn().isBefore(draft.issuedOn())) {
                problems.add("dueOn", "must not be before the invoice was issued (" + draft.issuedOn() + "), got "
                        + draft.dueOn());
            }
            if (draft.paidOn() != null && draft.paidOn().isBefore(draft.issuedOn())) {
                problems.add("paidOn", "must not be before the invoice was issued (" + draft.issuedOn() + "), got "
                        + draft.paidOn());
            }
        }
        InvoiceStatus status = Objects.requireNonNullElse(draft.status(), InvoiceStatus.OPEN);
        if (draft.paidOn() != null && status != InvoiceStatus.PAID) {
            problems.add("paidOn", "only a paid invoice has a payment date; this one is " + status.label());
        }
        if (draft.paidOn() != null && draft.paidOn().isAfter(today().plusDays(1))) {
            problems.add("paidOn", "must not be in the future, got " + draft.paidOn());
        }
        String source = problems.source(draft.source(), "stripe");
        problems.throwIfAny();
        String number = draft.number() == null || draft.number().isBlank() ? null : draft.number().trim();
        return new InvoiceDraft(draft.externalId().trim(), number, draft.currency().trim().toUpperCase(Locale.ROOT),
                draft.amountDue().setScale(2),
                draft.amountPaid() == null ? BigDecimal.ZERO.setScale(2) : draft.amountPaid().setScale(2),
                draft.issuedOn(), draft.dueOn(), draft.paidOn(), status, source);
    }

    private static void amount(InvalidInput.Collector problems, String field, BigDecimal value, boolean required) {
        if (value == null) {
            if (required) {
                problems.add(field, "required: an amount such as 1200 or 1200.50");
            }
        } else if (value.signum() < 0) {
            problems.add(field, "must not be negative, got " + value.toPlainString());
        } else if (value.stripTrailingZeros().scale() > 2) {
            problems.add(field, "expected at most two decimal places (cents), got " + value.toPlainString());
        } else if (value.compareTo(LARGEST) > 0) {
            problems.add(field, "must be at most " + LARGEST.toPlainString() + ", got " + value.toPlainString());
        }
    }

    /** The invoice as stored, without what depends on the day it is read, for the audit log. */
    private static Map<String, Object> stored(Invoice i) {
        Map<String, Object> state = new java.util.LinkedHashMap<>();
        state.put("id", i.id());
        state.put("accountId", i.accountId());
        state.put("externalId", i.externalId());
        state.put("number", i.number());
        state.put("currency", i.currency());
        state.put("amountDue", i.amountDue());
        state.put("amountPaid", i.amountPaid());
        state.put("issuedOn", i.issuedOn());
        state.put("dueOn", i.dueOn());
        state.put("paidOn", i.paidOn());
        state.put("status", i.status());
        state.put("source", i.source());
        return state;
    }

    private static LocalDate date(java.sql.Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private static Date sqlDate(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }
}
