package org.lodestar.demo;

import java.time.LocalDate;
import java.util.List;

import org.lodestar.accounts.LifecycleStage;

/** An account's contracts from its first day as a customer, and the day it churned (null while it is a customer). */
record ContractHistory(LocalDate customerSince, List<ContractPlan> contracts, LocalDate churnedOn) {

    /** New customers are onboarding for their first 90 days. */
    private static final int ONBOARDING_DAYS = 90;
    /** The renewal window opens 90 days before the renewal date. */
    private static final int RENEWAL_WINDOW_DAYS = 90;

    ContractHistory {
        contracts = List.copyOf(contracts);
    }

    boolean churned() {
        return churnedOn != null;
    }

    /** The latest contract: the one in force today, or the last one of a churned customer. */
    ContractPlan current() {
        return contracts.getLast();
    }

    /** The term in force on {@code day}: the one it falls in, the first before the first day, the last after it ends. */
    ContractPlan termOn(LocalDate day) {
        for (ContractPlan contract : contracts) {
            if (day.isBefore(contract.end())) {
                return contract;
            }
        }
        return current();
    }

    /** The next renewal date; null for a churned customer. */
    LocalDate renewalDate() {
        return churned() ? null : current().end();
    }

    LifecycleStage stage(LocalDate today) {
        if (churned()) {
            return LifecycleStage.CHURNED;
        }
        if (customerSince.isAfter(today.minusDays(ONBOARDING_DAYS))) {
            return LifecycleStage.ONBOARDING;
        }
        if (!renewalDate().isAfter(today.plusDays(RENEWAL_WINDOW_DAYS))) {
            return LifecycleStage.RENEWAL_WINDOW;
        }
        if (customerSince.isAfter(today.minusYears(1))) {
            return LifecycleStage.ADOPTION;
        }
        return LifecycleStage.MATURE;
    }
}
