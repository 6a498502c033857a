package org.lodestar.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SimilarTitlesTest {

    @Test
    void titlesWithTheSameMeaningfulWordsAreAlike() {
        assertThat(SimilarTitles.words("Export to Excel, please")).containsExactlyInAnyOrder("export", "excel");
        assertThat(SimilarTitles.similarity("Export to Excel", "Excel exports")).isEqualTo(1.0);
        assertThat(SimilarTitles.similarity("SSO with Okta", "Okta SSO login")).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(SimilarTitles.similarity("Dark mode", "SSO")).isZero();
        assertThat(SimilarTitles.similarity("the", "SSO")).as("no meaningful word").isZero();
    }

    @Test
    void suggestsTheTitlesAtLeastHalfAlikeMostAlikeFirst() {
        Map<Long, String> titles = Map.of(1L, "Okta SSO login", 2L, "SSO with Okta", 3L, "SSO", 4L, "Dark mode",
                5L, "Okta groups sync");

        assertThat(SimilarTitles.alike("Okta SSO", titles)).as("1, 2/3, 1/2; 'Okta groups sync' shares 1 of 4")
                .containsExactly(2L, 1L, 3L);
    }
}
