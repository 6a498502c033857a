package org.lodestar.revenue;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Per-account netting of a period, by hand. */
class RetentionFiguresTest {

    @Test
    void eachStartingAccountCountsByItsNetChangeSoGrrStaysWithinZeroAndOne() {
        // Up 50 then down 120 within the year: contraction of 70, not expansion 50 and contraction 120.
        AccountPeriod flipping = period(1, "100", "0", "50", "-120", "0", "0", "30");
        AccountPeriod churnedAfterExpanding = period(2, "200", "0", "100", "0", "-300", "0", "0");
        AccountPeriod grew = period(3, "50", "0", "25", "0", "0", "0", "75");
        AccountPeriod churnedAndCameBack = period(4, "40", "0", "0", "0", "-40", "40", "40");
        AccountPeriod winBack = period(5, "0", "0", "0", "0", "0", "10", "10");
        AccountPeriod newLogo = period(6, "0", "60", "0", "0", "0", "0", "60");

        RetentionFigures figures = RetentionFigures.of("total",
                List.of(flipping, churnedAfterExpanding, grew, churnedAndCameBack, winBack, newLogo));

        assertThat(figures.startingAccounts()).isEqualTo(4);
        assertThat(figures.startingArr()).isEqualByComparingTo("390");
        assertThat(figures.expansion()).isEqualByComparingTo("25");
        assertThat(figures.contraction()).isEqualByComparingTo("70");
        assertThat(figures.churn()).isEqualByComparingTo("200");
        assertThat(figures.endingArr()).isEqualByComparingTo("145");
        assertThat(figures.nrr()).isEqualByComparingTo("0.3718");
        assertThat(figures.grr()).isEqualByComparingTo("0.3077");
        assertThat(figures.logosLost()).isEqualTo(1);
        assertThat(figures.logoChurn()).isEqualByComparingTo("0.25");
        assertThat(figures.newAccounts()).isEqualTo(2);
        assertThat(figures.newArr()).isEqualByComparingTo("70");
        assertThat(figures.closingArr()).isEqualByComparingTo("215");
        assertThat(figures.movements().expansion()).isEqualByComparingTo("175");
        assertThat(figures.movements().reactivation()).isEqualByComparingTo("50");
        assertThat(figures.startingArr().add(figures.movements().net())).isEqualByComparingTo(figures.closingArr());
    }

    @Test
    void aGroupWithoutStartingAccountsHasNoRates() {
        RetentionFigures figures = RetentionFigures.of("smb", List.of(period(1, "0", "60", "0", "0", "0", "0", "60")));

        assertThat(figures.nrr()).isNull();
        assertThat(figures.grr()).isNull();
        assertThat(figures.logoChurn()).isNull();
        assertThat(figures.closingArr()).isEqualByComparingTo("60");
    }

    private static AccountPeriod period(long id, String opening, String newArr, String expansion, String contraction,
            String churn, String reactivation, String closing) {
        return new AccountPeriod(id, "Account " + id, "digital", null, null, money(opening), money(newArr),
                money(expansion), money(contraction), money(churn), money(reactivation), money(closing));
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount).setScale(2);
    }
}
