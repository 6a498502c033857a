package org.lodestar.revenue;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.lodestar.accounts.SegmentBands;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Recomputes retention without the ledger's code: once from the raw subscriptions, walking every day
 * and classifying each day's change of ARR afresh, and once by summing the stored movements in Java.
 * Tests compare both with the SQL report, to the cent.
 */
@Component
public class IndependentRetention {

    private final JdbcClient jdbc;
    private final Subscriptions subscriptions;
    private final ArrLedger ledger;
    private final SegmentBands bands;
    private final RetentionReports reports;

    IndependentRetention(JdbcClient jdbc, Subscriptions subscriptions, ArrLedger ledger, SegmentBands bands,
            RetentionReports reports) {
        this.jdbc = jdbc;
        this.subscriptions = subscriptions;
        this.ledger = ledger;
        this.bands = bands;
        this.reports = reports;
    }

    /** Asserts that the SQL report by segment agrees with both recomputations; returns the report. */
    public RetentionReport assertAgrees(LocalDate from, LocalDate to) {
        RetentionReport report = reports.report(from, to, RetentionGrouping.SEGMENT);
        List<AccountPeriod> fromContracts = new ArrayList<>();
        List<AccountPeriod> fromMovements = new ArrayList<>();
        for (long id : jdbc.sql("select id from account order by id").query(Long.class).list()) {
            fromContracts.add(walkDays(id, subscriptions.listForAccount(id), from, to));
            fromMovements.add(sumMovements(id, ledger.forAccount(id), from, to));
        }
        assertPlainSums(report.total(), fromContracts);
        for (List<AccountPeriod> recomputed : List.of(fromContracts, fromMovements)) {
            RetentionReport expected = RetentionReport.of(from, to, RetentionGrouping.SEGMENT,
                    recomputed.stream().filter(AccountPeriod::touched).toList(),
                    a -> bands.bandFor(a.starting() ? a.opening() : a.closing()).name());
            assertThat(report.total()).usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                    .isEqualTo(expected.total());
            assertThat(report.groups()).usingRecursiveComparison()
                    .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).isEqualTo(expected.groups());
        }
        return report;
    }

    /** NRR and GRR's parts summed straight from each account's start and end of the period. */
    private static void assertPlainSums(RetentionFigures total, List<AccountPeriod> accounts) {
        BigDecimal start = BigDecimal.ZERO;
        BigDecimal kept = BigDecimal.ZERO;
        BigDecimal end = BigDecimal.ZERO;
        BigDecimal added = BigDecimal.ZERO;
        for (AccountPeriod a : accounts) {
            if (a.opening().signum() > 0) {
                start = start.add(a.opening());
                kept = kept.add(a.opening().min(a.closing()));
                end = end.add(a.closing());
            } else {
                added = added.add(a.closing());
            }
        }
        assertThat(total.startingArr()).isEqualByComparingTo(start);
        assertThat(total.startingArr().subtract(total.contraction()).subtract(total.churn())).isEqualByComparingTo(kept);
        assertThat(total.endingArr()).isEqualByComparingTo(end);
        assertThat(total.newArr()).isEqualByComparingTo(added);
        if (start.signum() > 0) {
            assertThat(total.grr()).isEqualByComparingTo(kept.divide(start, 4, java.math.RoundingMode.HALF_EVEN));
            assertThat(total.nrr()).isEqualByComparingTo(end.divide(start, 4, java.math.RoundingMode.HALF_EVEN));
        }
    }

    /** Day by day: ARR is the sum of the line items active that day; each day's change is classified anew. */
    private static AccountPeriod walkDays(long id, List<Subscription> contracts, LocalDate from, LocalDate to) {
        BigDecimal[] sums = new BigDecimal[5];
        java.util.Arrays.fill(sums, BigDecimal.ZERO.setScale(2));
        LocalDate first = contracts.stream().flatMap(s -> s.lineItems().stream()).map(LineItem::startDate)
                .min(LocalDate::compareTo).orElse(from);
        BigDecimal previous = BigDecimal.ZERO.setScale(2);
        BigDecimal opening = null;
        boolean hadArr = false;
        for (LocalDate day = first.isBefore(from) ? first : from; !day.isAfter(to); day = day.plusDays(1)) {
            if (day.equals(from)) {
                opening = previous;
            }
            final LocalDate d = day;
            BigDecimal arr = contracts.stream().map(s -> s.arrOn(d)).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
            if (arr.compareTo(previous) != 0) {
                MovementKind kind = previous.signum() == 0 ? (hadArr ? MovementKind.REACTIVATION : MovementKind.NEW)
                        : arr.signum() == 0 ? MovementKind.CHURN
                                : arr.compareTo(previous) > 0 ? MovementKind.EXPANSION : MovementKind.CONTRACTION;
                if (!day.isBefore(from)) {
                    sums[kind.ordinal()] = sums[kind.ordinal()].add(arr.subtract(previous));
                }
                hadArr = true;
            }
            previous = arr;
        }
        return new AccountPeriod(id, null, null, null, null, opening == null ? previous : opening, sums[0], sums[1],
                sums[2], sums[3], sums[4], previous);
    }

    private static AccountPeriod sumMovements(long id, List<ArrMovement> movements, LocalDate from, LocalDate to) {
        BigDecimal[] sums = new BigDecimal[5];
        java.util.Arrays.fill(sums, BigDecimal.ZERO.setScale(2));
        BigDecimal opening = BigDecimal.ZERO.setScale(2);
        BigDecimal closing = BigDecimal.ZERO.setScale(2);
        for (ArrMovement m : movements) {
            if (m.effectiveDate().isAfter(to)) {
                continue;
            }
            closing = closing.add(m.amount());
            if (m.effectiveDate().isBefore(from)) {
                opening = opening.add(m.amount());
            } else {
                sums[m.kind().ordinal()] = sums[m.kind().ordinal()].add(m.amount());
            }
        }
        return new AccountPeriod(id, null, null, null, null, opening, sums[0], sums[1], sums[2], sums[3], sums[4], closing);
    }
}
