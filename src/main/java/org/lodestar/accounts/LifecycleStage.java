package org.lodestar.accounts;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where an account is in its life with us. */
public enum LifecycleStage {
    ONBOARDING, ADOPTION, MATURE, RENEWAL_WINDOW, CHURNED;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static LifecycleStage of(String text) {
        return Labels.parse(LifecycleStage.class, text);
    }
}
