package org.lodestar.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Forms name a field as a person reads it, never by the API's name for it. */
class FieldWordsTest {

    @Test
    void aFieldIsNamedInWords() {
        assertThat(InvalidInput.words("startDate")).isEqualTo("Start date");
        assertThat(InvalidInput.words("expiresOn")).isEqualTo("Expires on");
        assertThat(InvalidInput.words("arr")).isEqualTo("ARR");
        assertThat(InvalidInput.words("lineItems[0].unitPrice")).isEqualTo("Line items 1 › unit price");
        assertThat(InvalidInput.words("csmEmail")).isEqualTo("CSM email");
        assertThat(InvalidInput.words("line 3, column 4")).as("not a field path").isEqualTo("line 3, column 4");
    }

    @Test
    void aFormsLabelComesFirstAndAProblemWithoutAFieldIsAsItIs() {
        InvalidInput invalid = new InvalidInput(List.of(new InvalidInput.Problem("expiresOn", "expected a date"),
                new InvalidInput.Problem("ownerEmail", "no such user"), new InvalidInput.Problem(null, "already exists")));
        assertThat(invalid.named(Map.of("expiresOn", "Valid through"))).containsExactly("Valid through: expected a date",
                "Owner email: no such user", "already exists");
        assertThat(new InvalidInput("accountIds[1]", "no account has the id 9").named(Map.of("accountIds", "Ticked accounts")))
                .as("an item of a list by the list's label").containsExactly("Ticked accounts: no account has the id 9");
        assertThat(invalid.getMessage()).as("the API keeps its field names")
                .isEqualTo("expiresOn: expected a date; ownerEmail: no such user; already exists");
    }
}
