package org.lodestar.demo;

import java.util.List;

import org.lodestar.accounts.AccountDraft;
import org.lodestar.accounts.ActivityDraft;
import org.lodestar.accounts.CoverageModel;
import org.lodestar.accounts.LifecycleStage;
import org.lodestar.accounts.StakeholderDraft;

/**
 * Everything the demo book says about one customer, planned before anything is written. The owner
 * is a CSM's email (null when unowned), the parent an account's external id (null at the top).
 */
record CustomerPlan(int number, String externalId, String billingId, Company company, Segment segment, String owner,
        CoverageModel coverage, String parentExternalId, LifecycleStage stage, ContractHistory history,
        List<StakeholderDraft> contacts, List<ActivityDraft> activities) {

    CustomerPlan {
        contacts = List.copyOf(contacts);
        activities = List.copyOf(activities);
    }

    CustomerPlan withActivities(List<ActivityDraft> planned) {
        return new CustomerPlan(number, externalId, billingId, company, segment, owner, coverage, parentExternalId,
                stage, history, contacts, planned);
    }

    AccountDraft accountDraft() {
        return new AccountDraft(externalId, billingId, company.productGroupId(), company.name(), company.domain(),
                company.industry(), company.country(), owner, parentExternalId, stage, coverage);
    }
}
