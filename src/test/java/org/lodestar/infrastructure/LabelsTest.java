package org.lodestar.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Keys read as people write them: words, capitals for acronyms, "T-60" for a day before renewal. */
class LabelsTest {

    @Test
    void keysReadAsWords() {
        assertThat(Labels.readable("usage-drop")).isEqualTo("Usage drop");
        assertThat(Labels.readable("ebr-due")).isEqualTo("EBR due");
        assertThat(Labels.readable("renewal-t60")).isEqualTo("Renewal T-60");
        assertThat(Labels.readable("nps-detractor")).isEqualTo("NPS detractor");
        assertThat(Labels.readable("signals.qbr_due")).isEqualTo("QBR due");
        assertThat(Labels.readable("tasks")).isEqualTo("Tasks");
        assertThat(Labels.readable("  ")).isEmpty();
    }
}
