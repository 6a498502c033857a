package org.lodestar.accounts;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a person or an import says about an account. Owner is a user's email, parent another
 * account's external id. A missing stage means onboarding; a missing coverage model means the
 * segment's default.
 */
@Schema(example = """
        {"externalId": "A-1001", "name": "Acme Rockets", "domain": "acme.example", "stage": "adoption", "coverage": "high-touch", "industry": "Aerospace", "country": "US"}""")
public record AccountDraft(String externalId, String billingId, String productGroupId, String name, String domain,
        String industry, String country, String owner, String parent, LifecycleStage stage, CoverageModel coverage) {

    /** The draft that would leave the account as it is. */
    public static AccountDraft of(Account account) {
        return new AccountDraft(account.externalId(), account.billingId(), account.productGroupId(), account.name(),
                account.domain(), account.industry(), account.country(),
                account.owner() == null ? null : account.owner().email(),
                account.parent() == null ? null : account.parent().externalId(), account.stage(), account.coverage());
    }

    public AccountDraft withOwner(String ownerEmail) {
        return new AccountDraft(externalId, billingId, productGroupId, name, domain, industry, country, ownerEmail,
                parent, stage, coverage);
    }
}
