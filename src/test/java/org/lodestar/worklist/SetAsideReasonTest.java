package org.lodestar.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Setting aside is refused only for a reason the CSM did not see, never for one that went. */
class SetAsideReasonTest {

    @Test
    void aNewerSignalOrAWorseReasonIsNewAndAReasonThatWentIsNot() {
        assertThat(Worklist.newReason("signal 12", "signal 15")).as("fired since").isTrue();
        assertThat(Worklist.newReason("signal 15", "signal 12")).as("the newest resolved, an older one seen").isFalse();
        assertThat(Worklist.newReason("signal 12", "signal 12")).isFalse();
        assertThat(Worklist.newReason("red", "signal 3")).isTrue();
        assertThat(Worklist.newReason("model", "red")).isTrue();
        assertThat(Worklist.newReason("signal 3", "red")).as("the signal resolved, the red score was there").isFalse();
        assertThat(Worklist.newReason("red", "model")).isFalse();
    }
}
