package org.lodestar.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The wrong-customer guard on its own: whole words, any case, the addressed customer's family allowed. */
class CustomerGuardTest {

    private static final List<String> BOOK = List.of("Globex", "Initech", "Acme", "Umbrella Health");

    private Optional<CustomerGuard.Named> check(String subject, String body) {
        return CustomerGuard.otherCustomerNamed(subject, body, Set.of("Acme Corp", "Acme Europe"), BOOK);
    }

    @Test
    void findsAnotherCustomerInTheBodyWithTheWordsAroundIt() {
        CustomerGuard.Named named = check("Your renewal", "Hi Ana, as we discussed, the GLOBEX rollout went well.")
                .orElseThrow();

        assertThat(named).isEqualTo(new CustomerGuard.Named("Globex", "body",
                "Hi Ana, as we discussed, the GLOBEX rollout went well.", null));
        assertThat(CustomerGuard.reason("Acme Corp", named)).isEqualTo("The message to Acme Corp names another customer, "
                + "Globex (in the body: \"Hi Ana, as we discussed, the GLOBEX rollout went well.\"). Nothing was sent.");
    }

    @Test
    void theSubjectIsCheckedFirstAndLongContextIsCut() {
        CustomerGuard.Named named = check("Initech: your renewal", "A long body that mentions Globex somewhere in it")
                .orElseThrow();
        assertThat(named.customer()).isEqualTo("Initech");
        assertThat(named.part()).isEqualTo("subject");

        String body = "This sentence is long enough to be cut on the left, then names Umbrella Health, and goes on well "
                + "past the thirty characters kept.";
        assertThat(check("Hello", body).orElseThrow().context())
                .isEqualTo("…cut on the left, then names Umbrella Health, and goes on well past the…");
    }

    @Test
    void onlyWholeWordsCount() {
        assertThat(check("Hello", "Our Globexian partners and the acmeish design are not customers.")).isEmpty();
        assertThat(check("Hello", "Umbrella healthcare is a market, not a customer name.")).isEmpty();
    }

    @Test
    void theAddressedCustomerItsParentAndSubsidiariesAreAllowedEvenWhenTheyContainAnotherName() {
        assertThat(check("Acme Corp and Acme Europe", "Everyone at ACME CORP and acme europe.")).isEmpty();
        assertThat(check("Hello", "Acme Corp, and separately Acme, the other customer.").orElseThrow().customer())
                .isEqualTo("Acme");
    }

    private Optional<CustomerGuard.Named> withAliases(String subject, String body) {
        return CustomerGuard.check(subject, body, List.of(CustomerGuard.KnownName.name("Acme Corp"),
                new CustomerGuard.KnownName("Acme", "Acme Corp", true)), List.of(CustomerGuard.KnownName.name("Apex Corp"),
                new CustomerGuard.KnownName("Apex", "Apex Corp", true), new CustomerGuard.KnownName("apexcorp.com", "Apex Corp", true),
                CustomerGuard.KnownName.name("Box"), new CustomerGuard.KnownName("Box", "Box", true),
                CustomerGuard.KnownName.name("Monday Labs"), new CustomerGuard.KnownName("Monday", "Monday Labs", true)));
    }

    /** A one-word name or alias counts with its capital as written; a longer name or alias, or a domain, in any case. */
    @Test
    void aliasesCountAsTheirCustomerWithAOneWordAliasCapitalised() {
        CustomerGuard.Named named = withAliases("Dashboards", "Hi Ana, the Apex dashboard is ready.").orElseThrow();
        assertThat(named).isEqualTo(new CustomerGuard.Named("Apex Corp", "body", "Hi Ana, the Apex dashboard is ready.", "Apex"));
        assertThat(CustomerGuard.reason("Acme Corp", named)).isEqualTo("The message to Acme Corp names another customer, "
                + "Apex Corp (as \"Apex\", one of its aliases) (in the body: \"Hi Ana, the Apex dashboard is ready.\"). "
                + "Nothing was sent.");
        assertThat(withAliases("Apex Corporation connectors", "").orElseThrow().alias()).isEqualTo("Apex");
        assertThat(withAliases("Notes", "see APEXCORP.com").orElseThrow().alias()).isEqualTo("apexcorp.com");
        assertThat(withAliases("Notes", "at the apex of the season; tick the box; acme and ACME are ours")).isEmpty();
        assertThat(withAliases("Notes", "See you on Monday").orElseThrow().customer())
                .as("a capitalised plain word is taken for the alias: the CSM can dismiss it").isEqualTo("Monday Labs");
        assertThat(withAliases("BOX renewal", "").orElseThrow().customer()).isEqualTo("Box");
    }
}
