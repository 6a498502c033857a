package org.lodestar.revenue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Retention of one group over a period (§2). The starting accounts are those with ARR the day before
 * the period opened; each is classified by its net change over the period (docs/revenue.md): ending
 * with no ARR is churn of its starting ARR, ending lower is contraction, ending higher is expansion,
 * however many movements it took. So {@code endingArr = startingArr + expansion − contraction −
 * churn}, {@code NRR = endingArr / startingArr} and {@code GRR = (startingArr − contraction − churn) /
 * startingArr}, which never exceeds 100% nor drops below 0. New ARR is the closing ARR of the accounts
 * without ARR at the start (new logos and win-backs), outside NRR: {@code closingArr = endingArr +
 * newArr}. {@code movements} is the same period as gross ledger flows by kind, for every account of
 * the group: {@code startingArr + movements.net() = closingArr}. Amounts taken away are positive;
 * rates are fractions (1.05 = 105%).
 */
public record RetentionFigures(String group, int startingAccounts, BigDecimal startingArr, BigDecimal expansion,
        BigDecimal contraction, BigDecimal churn, BigDecimal endingArr, BigDecimal nrr, BigDecimal grr, int logosLost,
        BigDecimal logoChurn, int newAccounts, BigDecimal newArr, BigDecimal closingArr, Flows movements) {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    /** The ledger's movements in the period by kind, signed as in the ledger. */
    public record Flows(BigDecimal newArr, BigDecimal expansion, BigDecimal contraction, BigDecimal churn,
            BigDecimal reactivation) {

        public BigDecimal net() {
            return newArr.add(expansion).add(contraction).add(churn).add(reactivation);
        }
    }

    public static RetentionFigures of(String group, List<AccountPeriod> accounts) {
        int starting = 0;
        int lost = 0;
        int joined = 0;
        BigDecimal startingArr = ZERO;
        BigDecimal expansion = ZERO;
        BigDecimal contraction = ZERO;
        BigDecimal churn = ZERO;
        BigDecimal endingArr = ZERO;
        BigDecimal newArr = ZERO;
        BigDecimal[] flows = { ZERO, ZERO, ZERO, ZERO, ZERO };
        for (AccountPeriod account : accounts) {
            flows[0] = flows[0].add(account.newArr());
            flows[1] = flows[1].add(account.expansion());
            flows[2] = flows[2].add(account.contraction());
            flows[3] = flows[3].add(account.churn());
            flows[4] = flows[4].add(account.reactivation());
            if (!account.starting()) {
                newArr = newArr.add(account.closing());
                joined += account.closing().signum() > 0 ? 1 : 0;
                continue;
            }
            starting++;
            startingArr = startingArr.add(account.opening());
            endingArr = endingArr.add(account.closing());
            switch (account.outcome()) {
                case CHURNED -> {
                    churn = churn.add(account.opening());
                    lost++;
                }
                case CONTRACTED -> contraction = contraction.add(account.opening().subtract(account.closing()));
                case EXPANDED -> expansion = expansion.add(account.closing().subtract(account.opening()));
                case RETAINED -> { }
            }
        }
        return new RetentionFigures(group, starting, startingArr, expansion, contraction, churn, endingArr,
                rate(endingArr, startingArr), rate(startingArr.subtract(contraction).subtract(churn), startingArr), lost,
                starting == 0 ? null : BigDecimal.valueOf(lost).divide(BigDecimal.valueOf(starting), 4, RoundingMode.HALF_EVEN),
                joined, newArr, endingArr.add(newArr), new Flows(flows[0], flows[1], flows[2], flows[3], flows[4]));
    }

    private static BigDecimal rate(BigDecimal amount, BigDecimal base) {
        return base.signum() == 0 ? null : amount.divide(base, 4, RoundingMode.HALF_EVEN);
    }
}
