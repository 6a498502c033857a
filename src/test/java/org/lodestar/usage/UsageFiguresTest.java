package org.lodestar.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class UsageFiguresTest {

    @Test
    void utilisationIsActiveUsersOverSeatsAndMayExceedOne() {
        assertThat(UsageFigures.utilisation(3, 10)).isEqualByComparingTo("0.3");
        assertThat(UsageFigures.utilisation(12, 10)).isEqualByComparingTo("1.2");
        assertThat(UsageFigures.utilisation(2, 3)).isEqualByComparingTo("0.6667");
        assertThat(UsageFigures.utilisation(5, 0)).isNull();
    }

    @Test
    void depthCountsContractedModulesInUseAndListsTheOthersApart() {
        UsageFigures.AdoptionDepth depth = UsageFigures.depth(Set.of("core", "analytics", "automation"),
                Set.of("analytics", "integrations"));
        assertThat(depth.depth()).isEqualByComparingTo("0.3333");
        assertThat(depth.used()).containsExactly("analytics");
        assertThat(depth.usedNotContracted()).containsExactly("integrations");
        assertThat(depth.contracted()).containsExactly("analytics", "automation", "core");
        assertThat(UsageFigures.depth(Set.of(), Set.of("analytics")).depth()).isNull();
    }

    @Test
    void trendsCompareAWindowWithTheOneBefore() {
        assertThat(UsageFigures.Trend.of("events", 30, 200, 300).changePercent()).isEqualByComparingTo("-33.3");
        assertThat(UsageFigures.Trend.of("events", 30, 450, 300).changePercent()).isEqualByComparingTo("50.0");
        assertThat(UsageFigures.Trend.of("events", 60, 7, 0).changePercent()).isNull();
        assertThat(List.of(UsageFigures.Trend.of("active users", 30, 0, 4).changePercent()))
                .containsExactly(new java.math.BigDecimal("-100.0"));
    }
}
