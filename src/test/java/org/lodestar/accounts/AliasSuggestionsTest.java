package org.lodestar.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The aliases suggested from a customer's name and domain, worked out by hand. */
class AliasSuggestionsTest {

    @Test
    void theNameWithoutItsLegalFormAndTheDomain() {
        assertThat(AliasSuggestions.suggest("Apex Corp", "apexcorp.com")).containsExactly("Apex", "apexcorp.com");
        assertThat(AliasSuggestions.suggest("Globex Corporation", "https://www.globex.example/")).containsExactly("Globex",
                "globex.example");
        assertThat(AliasSuggestions.suggest("Umbrella Health, Inc.", null)).containsExactly("Umbrella Health");
    }

    @Test
    void genericWordsComeOffOneAtATimeAfterTheLegalForm() {
        assertThat(AliasSuggestions.suggest("Initech Software Ltd", null)).containsExactly("Initech Software", "Initech");
        assertThat(AliasSuggestions.suggest("Stark Industries Group", null)).containsExactly("Stark Industries", "Stark");
    }

    /** One reading of a domain for the suggestions and for the hygiene report's duplicates. */
    @Test
    void aDomainIsReadBareWhateverIsWrittenAroundIt() {
        assertThat(AliasSuggestions.bareDomain("https://www.Apex.com/en/about")).isEqualTo("apex.com");
        assertThat(AliasSuggestions.bareDomain(" apex.co.uk ")).isEqualTo("apex.co.uk");
        assertThat(AliasSuggestions.bareDomain("not a domain")).isNull();
        assertThat(AliasSuggestions.bareDomain(null)).isNull();
    }

    @Test
    void aLeadingTheComesOff() {
        assertThat(AliasSuggestions.suggest("The Home Depot", "homedepot.com")).containsExactly("Home Depot", "homedepot.com");
    }

    @Test
    void nothingShortTheNameItselfOrABareDomainStem() {
        assertThat(AliasSuggestions.suggest("GE Co", null)).isEmpty();
        assertThat(AliasSuggestions.suggest("Globex", "not a domain")).isEmpty();
        assertThat(AliasSuggestions.suggest("Monday", "monday.com")).containsExactly("monday.com");
        assertThat(AliasSuggestions.suggest("Software", null)).isEmpty();
        assertThat(AliasSuggestions.suggest(null, null)).isEmpty();
    }
}
