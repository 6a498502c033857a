package org.lodestar.health.internal;

import java.util.List;

import org.lodestar.errors.InvalidInput;
import org.lodestar.health.ChurnRisks;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Churn model", description = "The learned churn model beside the scorecard: probability of churn or contraction, "
        + "what explains it, expected ARR at risk, and the model versions with their walk-forward evaluation")
class ChurnRiskApi {

    private final ChurnRisks risks;

    ChurnRiskApi(ChurnRisks risks) {
        this.risks = risks;
    }

    @GetMapping("/api/accounts/{id}/churn-risk")
    @Operation(summary = "An account's churn risk", description = "Per horizon (90 and 180 days) with a trained model: the "
            + "probability of churn or contraction within it, the expected ARR at risk (probability × ARR), the weightiest "
            + "contributions (log-odds each feature adds against an average account; with the intercept they add up to the "
            + "model's log-odds), and the model version with its walk-forward evaluation; beside them the scorecard's score "
            + "and band, and a sentence when the two disagree. 404 when no model is trained, the account does not exist or "
            + "had no ARR when last scored.")
    ChurnRisks.AccountRisk churnRisk(@PathVariable long id) {
        return risks.forAccount(id);
    }

    @GetMapping("/api/churn-risk")
    @Operation(summary = "Accounts by expected ARR at risk", description = "The accounts the model in force for the horizon "
            + "scored, most ARR at risk first; empty when no model is trained.")
    List<ChurnRisks.RankedRisk> ranked(@RequestParam(defaultValue = "90") int horizon) {
        if (!ChurnRisks.HORIZONS.contains(horizon)) {
            throw new InvalidInput("horizon", "expected one of " + ChurnRisks.HORIZONS + ", got " + horizon);
        }
        return risks.ranked(horizon);
    }

    @GetMapping("/api/churn-models")
    @Operation(summary = "The churn model's versions", description = "Every version trained, newest first, with what it "
            + "learned from and its walk-forward evaluation (AUC with its 95% interval, Brier score, log loss, base rate, "
            + "calibration). The latest of each horizon is in force.")
    List<ChurnRisks.ModelVersion> versions() {
        return risks.versions();
    }
}
