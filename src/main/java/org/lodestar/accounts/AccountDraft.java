package org.lodestar.accounts;

/**
 * What a person or an import says about an account. Owner is a user's email, parent another
 * account's external id. A missing stage means onboarding; a missing coverage model means the
 * segment's default.
 */
public record AccountDraft(String externalId, String billingId, String productGroupId, String name, String domain,
        String industry, String country, String owner, String parent, LifecycleStage stage, CoverageModel coverage) {
}
