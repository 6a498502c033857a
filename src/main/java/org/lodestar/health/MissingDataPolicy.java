package org.lodestar.health;

import java.math.BigDecimal;

/** What a measure does when its input has no data for the account. */
public sealed interface MissingDataPolicy {

    @com.fasterxml.jackson.annotation.JsonValue
    String label();

    /** Leave the measure out and spread its weight over the others. */
    record Exclude() implements MissingDataPolicy {
        @Override
        public String label() {
            return "exclude";
        }
    }

    /** Count the measure at a neutral sub-score, neither helping nor hurting much. */
    record Neutral(BigDecimal score) implements MissingDataPolicy {
        @Override
        public String label() {
            return "neutral " + score.stripTrailingZeros().toPlainString();
        }
    }

    /** Count the measure at a low sub-score: not knowing is itself a risk. */
    record Penalty(BigDecimal score) implements MissingDataPolicy {
        @Override
        public String label() {
            return "penalty " + score.stripTrailingZeros().toPlainString();
        }
    }

    /** Use the last value seen, if it is at most {@code maxAgeDays} old; otherwise exclude. */
    record CarryLast(int maxAgeDays) implements MissingDataPolicy {
        @Override
        public String label() {
            return "carry-last " + maxAgeDays + "d";
        }
    }
}
