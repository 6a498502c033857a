package org.lodestar.hygiene.internal;

import java.util.List;

import org.lodestar.accounts.Accounts;
import org.lodestar.errors.InvalidInput;
import org.lodestar.hygiene.CrmViews;
import org.lodestar.hygiene.DataHygiene;
import org.lodestar.hygiene.Finding;
import org.lodestar.hygiene.FindingKind;
import org.lodestar.hygiene.HygieneScores;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The data hygiene report over HTTP: the findings, worked out from the data on each call, and the scores. */
@RestController
@Tag(name = "Data hygiene", description = "Where the book contradicts itself, and how clean each account and CSM's book is")
class HygieneApi {

    private final DataHygiene hygiene;
    private final CrmViews crm;
    private final Accounts accounts;

    HygieneApi(DataHygiene hygiene, CrmViews crm, Accounts accounts) {
        this.hygiene = hygiene;
        this.crm = crm;
        this.accounts = accounts;
    }

    @GetMapping("/api/accounts/{id}/crm-view")
    @Operation(summary = "What the CRM states about the account (renewal date, ARR, seats), as imported or put here")
    CrmViews.CrmView crmView(@PathVariable long id) {
        accounts.get(id);
        return crm.find(id).orElse(new CrmViews.CrmView(null, null, null));
    }

    @PutMapping("/api/accounts/{id}/crm-view")
    @Operation(summary = "Record what the CRM states (renewalDate, arr, seats); a figure left out keeps the one recorded",
            description = "The same view the accounts import keeps from its renewal_date, arr and seats columns, compared "
                    + "with the contracts by the data hygiene report. Audited.")
    CrmViews.CrmView putCrmView(@PathVariable long id, @RequestBody CrmViews.CrmView stated) {
        accounts.get(id);
        var problems = new InvalidInput.Collector();
        if (stated == null || stated.isEmpty()) {
            problems.add("renewalDate", "expected at least one of renewalDate, arr, seats");
        } else {
            if (stated.arr() != null && stated.arr().signum() < 0) {
                problems.add("arr", "expected an amount of 0 or more, got " + stated.arr().toPlainString());
            }
            if (stated.seats() != null && stated.seats() < 0) {
                problems.add("seats", "expected 0 or more seats, got " + stated.seats());
            }
        }
        problems.throwIfAny();
        crm.record(id, stated, "api");
        return crm.find(id).orElseThrow();
    }

    @GetMapping("/api/hygiene")
    @Operation(summary = "Findings: kind, severity, accounts, records, sources, values, and where to fix it",
            description = "kind: one finding kind (e.g. renewal-date-disagrees, stated-figure-wrong); account: an account id; "
                    + "owner: a CSM's email. A finding disappears once the data is fixed.")
    List<Finding> findings(@RequestParam(required = false) String kind, @RequestParam(required = false) Long account,
            @RequestParam(required = false) String owner) {
        FindingKind k = null;
        if (kind != null && !kind.isBlank()) {
            try {
                k = FindingKind.of(kind);
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("kind", e.getMessage());
            }
        }
        return hygiene.findings(new DataHygiene.Filter(k, account, owner == null || owner.isBlank() ? null : owner.strip()));
    }

    @GetMapping("/api/hygiene/scores")
    @Operation(summary = "Hygiene score per account (100 minus 25/10/5 per high/medium/low finding) and per CSM (mean)")
    HygieneScores scores() {
        return hygiene.scores();
    }
}
