package org.lodestar.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Filling in merge fields: values in place, an em dash and a report for each field without one. */
class MergeFieldsTest {

    @Test
    void fillsEveryFieldWithItsValueAndToleratesSpacesInsideTheBraces() {
        MergeFields.Rendered rendered = MergeFields.render(
                "Hi {{contact.first_name}},\n{{ account.name }} renews on {{account.renewal_date}} ({{account.arr}}).",
                Map.of("contact.first_name", "Ana", "account.name", "Acme Corp", "account.renewal_date", "2027-03-31",
                        "account.arr", "$120,000"));

        assertThat(rendered.text()).isEqualTo("Hi Ana,\nAcme Corp renews on 2027-03-31 ($120,000).");
        assertThat(rendered.missing()).isEmpty();
    }

    @Test
    void aFieldWithoutAValueShowsAsAnEmDashAndIsReportedOnce() {
        MergeFields.Rendered rendered = MergeFields.render("Health {{health.score}} ({{health.band}}), again {{health.score}}; "
                + "feature {{vars.feature}}", Map.of("health.band", " ", "vars.feature", "SSO"));

        assertThat(rendered.text()).isEqualTo("Health — (—), again —; feature SSO");
        assertThat(rendered.missing()).containsExactly("health.score", "health.band");
    }

    @Test
    void aValueThatLooksLikeARegexReplacementIsInsertedAsWritten() {
        assertThat(MergeFields.render("Price: {{vars.price}}", Map.of("vars.price", "$5 \\ $1")).text())
                .isEqualTo("Price: $5 \\ $1");
    }

    @Test
    void knowsTheFieldsAndCallerVariablesAndListsThemInOrderOfFirstUse() {
        assertThat(MergeFields.known("usage.trend_30d")).isTrue();
        assertThat(MergeFields.known("vars.new_date")).isTrue();
        assertThat(MergeFields.known("vars.New-Date")).isFalse();
        assertThat(MergeFields.known("account.nmae")).isFalse();
        assertThat(MergeFields.used("{{b.x}} {{a.y}} {{b.x}}")).containsExactly("b.x", "a.y");
    }

    @Test
    void moneyIsWholeDollarsWithThousandsSeparators() {
        assertThat(MergeValues.money(new BigDecimal("120000.00"))).isEqualTo("$120,000");
        assertThat(MergeValues.money(new BigDecimal("1234567.50"))).isEqualTo("$1,234,568");
        assertThat(MergeValues.money(BigDecimal.ZERO)).isEqualTo("$0");
    }
}
