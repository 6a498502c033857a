package org.lodestar.infrastructure;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Money as pages show it, in the book's one currency ({@code lodestar.currency}, USD unless set) and
 * the locale's way of writing it: {@code ${@money.whole(account.arr)}} gives "$150,000".
 */
@Component("money")
public class Money {

    private final Currency currency;
    private final Locale locale;

    public Money(@Value("${lodestar.currency:USD}") String currency, @Value("${lodestar.locale:en-US}") String locale) {
        try {
            this.currency = Currency.getInstance(currency.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("lodestar.currency: expected an ISO 4217 code such as USD or EUR, got '"
                    + currency + "'");
        }
        this.locale = Locale.forLanguageTag(locale);
    }

    /** The amount rounded to whole units, with the currency's symbol: "$150,000", "-$18,000". */
    public String whole(BigDecimal amount) {
        return amount == null ? "—" : format(amount, 0);
    }

    /** The amount to the currency's minor unit: "$1,234.50". */
    public String exact(BigDecimal amount) {
        return amount == null ? "—" : format(amount, currency.getDefaultFractionDigits());
    }

    /** A change, always signed: "+$20,000", "−$18,000". */
    public String change(BigDecimal amount) {
        if (amount == null) {
            return "—";
        }
        String unsigned = format(amount.abs(), 0);
        return (amount.signum() < 0 ? "−" : "+") + unsigned;
    }

    /** The ISO 4217 code, e.g. "USD": charts drawn in the browser format their axes with it. */
    public String code() {
        return currency.getCurrencyCode();
    }

    /** The locale as a language tag, e.g. "en-US". */
    public String localeTag() {
        return locale.toLanguageTag();
    }

    /** The currency's symbol in the locale, e.g. "$" or "€". */
    public String symbol() {
        return currency.getSymbol(locale);
    }

    private String format(BigDecimal amount, int digits) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(currency);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(amount);
    }
}
