package org.lodestar.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** Money in the book's currency, written the locale's way. */
class MoneyTest {

    @Test
    void dollarsAreWholeOrToTheCentAndChangesAreSigned() {
        Money usd = new Money("USD", "en-US");
        assertThat(usd.whole(new BigDecimal("150000.40"))).isEqualTo("$150,000");
        assertThat(usd.exact(new BigDecimal("1234.5"))).isEqualTo("$1,234.50");
        assertThat(usd.change(new BigDecimal("20000"))).isEqualTo("+$20,000");
        assertThat(usd.change(new BigDecimal("-18000.00"))).isEqualTo("−$18,000");
        assertThat(usd.whole(null)).isEqualTo("—");
    }

    @Test
    void eurosInGermanPutTheSymbolAfterAndGroupWithDots() {
        Money eur = new Money("eur", "de-DE");
        assertThat(eur.whole(new BigDecimal("150000"))).as("a no-break space before the symbol").isEqualTo("150.000\u00a0€");
        assertThat(eur.symbol()).isEqualTo("€");
    }

    @Test
    void anUnknownCurrencyNamesTheProperty() {
        assertThatThrownBy(() -> new Money("dollars", "en-US")).hasMessage(
                "lodestar.currency: expected an ISO 4217 code such as USD or EUR, got 'dollars'");
    }
}
