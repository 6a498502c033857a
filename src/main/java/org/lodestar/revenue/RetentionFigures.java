package org.lodestar.revenue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Retention of one group over a period (§2). The starting accounts are those with ARR when the
 * period opened. For them: {@code endingArr = startingArr + expansion − contraction − churn +
 * reactivation}, where reactivation is a starting account that churned and came back inside the
 * period. {@code NRR = endingArr / startingArr}; {@code GRR = (startingArr − contraction − churn) /
 * startingArr}. New ARR is everything the accounts without ARR at the start added (outside NRR), so
 * {@code closingArr = endingArr + newArr}. Amounts are positive; rates are fractions (1.05 = 105%).
 */
public record RetentionFigures(String group, int startingAccounts, BigDecimal startingArr, BigDecimal expansion,
        BigDecimal contraction, BigDecimal churn, BigDecimal reactivation, BigDecimal endingArr, BigDecimal nrr,
        BigDecimal grr, int logosLost, BigDecimal logoChurn, int newAccounts, BigDecimal newArr, BigDecimal closingArr) {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    public static RetentionFigures of(String group, List<AccountPeriod> accounts) {
        int starting = 0;
        int lost = 0;
        int joined = 0;
        BigDecimal startingArr = ZERO;
        BigDecimal expansion = ZERO;
        BigDecimal contraction = ZERO;
        BigDecimal churn = ZERO;
        BigDecimal reactivation = ZERO;
        BigDecimal endingArr = ZERO;
        BigDecimal newArr = ZERO;
        for (AccountPeriod account : accounts) {
            if (account.starting()) {
                starting++;
                startingArr = startingArr.add(account.opening());
                expansion = expansion.add(account.expansion());
                contraction = contraction.subtract(account.contraction());
                churn = churn.subtract(account.churn());
                // A starting account cannot be new again; a correction that says otherwise counts as a return.
                reactivation = reactivation.add(account.reactivation()).add(account.newArr());
                endingArr = endingArr.add(account.closing());
                if (account.lostLogo()) {
                    lost++;
                }
            } else {
                newArr = newArr.add(account.closing());
                if (account.closing().signum() > 0) {
                    joined++;
                }
            }
        }
        return new RetentionFigures(group, starting, startingArr, expansion, contraction, churn, reactivation, endingArr,
                rate(endingArr, startingArr), rate(startingArr.subtract(contraction).subtract(churn), startingArr), lost,
                starting == 0 ? null : BigDecimal.valueOf(lost).divide(BigDecimal.valueOf(starting), 4, RoundingMode.HALF_EVEN),
                joined, newArr, endingArr.add(newArr));
    }

    private static BigDecimal rate(BigDecimal amount, BigDecimal base) {
        return base.signum() == 0 ? null : amount.divide(base, 4, RoundingMode.HALF_EVEN);
    }
}
