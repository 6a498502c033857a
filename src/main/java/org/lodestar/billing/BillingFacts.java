package org.lodestar.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lodestar.accounts.AccountSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Invoices of many accounts as of a day, read in bulk: the one definition of "overdue" that
 * scorecards, signal rules, the backtest and the churn model share.
 */
@Repository
public class BillingFacts {

    /**
     * An invoice owed and past due at the end of a day.
     *
     * @param open what was still owed: the unpaid balance, or the whole amount for one paid later
     */
    public record Overdue(long id, String number, LocalDate dueOn, BigDecimal open, String currency, InvoiceStatus status) {

        public long daysOverdue(LocalDate day) {
            return ChronoUnit.DAYS.between(dueOn, day);
        }
    }

    private final JdbcClient jdbc;

    BillingFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Of these accounts, those billed by the end of the day (an invoice issued, neither draft nor void). */
    public Set<Long> billedBy(AccountSet accounts, LocalDate day) {
        Set<Long> billed = new HashSet<>();
        accounts.inParts(part -> billed.addAll(jdbc.sql("select distinct account_id from invoice where issued_on <= ? "
                + "and status not in ('VOID', 'DRAFT')" + part.where("account_id")).params(part.params(day))
                .query(Long.class).list()));
        return billed;
    }

    /**
     * Invoices overdue at the end of the day, oldest due first: issued by then, due before it, neither
     * draft nor void, and paid after it or not paid and still owed (open or written off as uncollectible:
     * money the customer did not pay is the strongest warning, not a reason to look away).
     */
    public Map<Long, List<Overdue>> overdueOn(AccountSet accounts, LocalDate day) {
        Map<Long, List<Overdue>> overdue = new HashMap<>();
        accounts.inParts(part -> jdbc.sql("select id, account_id, coalesce(number, external_id), due_on, amount_due, amount_paid, "
                + "currency, status, paid_on from invoice where issued_on <= ? and due_on < ? and status not in ('VOID', 'DRAFT') "
                + "and (paid_on > ? or paid_on is null and status in ('OPEN', 'UNCOLLECTIBLE') and amount_due > amount_paid)"
                + part.where("account_id") + " order by due_on, id").params(part.params(day, day, day)).query(rs -> {
                    boolean paidLater = rs.getObject(9) != null;
                    BigDecimal open = paidLater ? rs.getBigDecimal(5) : rs.getBigDecimal(5).subtract(rs.getBigDecimal(6));
                    overdue.computeIfAbsent(rs.getLong(2), a -> new ArrayList<>()).add(new Overdue(rs.getLong(1), rs.getString(3),
                            rs.getObject(4, LocalDate.class), open, rs.getString(7), InvoiceStatus.valueOf(rs.getString(8))));
                }));
        return overdue;
    }
}
