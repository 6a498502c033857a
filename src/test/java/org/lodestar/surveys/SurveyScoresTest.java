package org.lodestar.surveys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** NPS categories and scores, CSAT share, by hand. */
class SurveyScoresTest {

    @Test
    void categoriesFollowTheNetPromoterBands() {
        assertThat(NpsCategory.of(0)).isEqualTo(NpsCategory.DETRACTOR);
        assertThat(NpsCategory.of(6)).isEqualTo(NpsCategory.DETRACTOR);
        assertThat(NpsCategory.of(7)).isEqualTo(NpsCategory.PASSIVE);
        assertThat(NpsCategory.of(8)).isEqualTo(NpsCategory.PASSIVE);
        assertThat(NpsCategory.of(9)).isEqualTo(NpsCategory.PROMOTER);
        assertThat(NpsCategory.of(10)).isEqualTo(NpsCategory.PROMOTER);
        assertThatThrownBy(() -> NpsCategory.of(11)).hasMessageContaining("0 to 10");
        assertThatThrownBy(() -> NpsCategory.of(-1)).hasMessageContaining("0 to 10");
    }

    @Test
    void netPromoterScoreIsPromotersLessDetractorsInPercent() {
        // 3 promoters, 2 passives, 1 detractor of 6: 50% - 16.7% = 33.3 -> 33
        assertThat(SurveyScores.netPromoterScore(List.of(10, 9, 9, 8, 7, 3))).isEqualTo(33);
        // 1 promoter, 3 detractors of 4: 25% - 75% = -50
        assertThat(SurveyScores.netPromoterScore(List.of(9, 0, 5, 6))).isEqualTo(-50);
        // 1 promoter, 0 detractors of 8: 12.5 -> 13 (half away from zero); the mirror rounds to -13
        assertThat(SurveyScores.netPromoterScore(List.of(9, 7, 7, 7, 7, 7, 7, 7))).isEqualTo(13);
        assertThat(SurveyScores.netPromoterScore(List.of(6, 7, 7, 7, 7, 7, 7, 7))).isEqualTo(-13);
        assertThat(SurveyScores.netPromoterScore(List.of(10, 10))).isEqualTo(100);
        assertThat(SurveyScores.netPromoterScore(List.of())).isNull();
    }

    @Test
    void csatIsTheShareOfFoursAndFives() {
        // 4 and 5 of 1, 2, 3, 4, 5, 5: 3 of 6 = 50%
        assertThat(SurveyScores.csatPercent(List.of(1, 2, 3, 4, 5, 5))).isEqualTo(50);
        // 2 of 3 = 66.7 -> 67
        assertThat(SurveyScores.csatPercent(List.of(4, 5, 3))).isEqualTo(67);
        assertThat(SurveyScores.csatPercent(List.of())).isNull();
        assertThatThrownBy(() -> SurveyScores.csatPercent(List.of(6))).hasMessageContaining("1 to 5");
    }
}
