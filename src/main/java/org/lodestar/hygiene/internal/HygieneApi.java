package org.lodestar.hygiene.internal;

import java.util.List;

import org.lodestar.errors.InvalidInput;
import org.lodestar.hygiene.DataHygiene;
import org.lodestar.hygiene.Finding;
import org.lodestar.hygiene.FindingKind;
import org.lodestar.hygiene.HygieneScores;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The data hygiene report over HTTP: the findings, worked out from the data on each call, and the scores. */
@RestController
@Tag(name = "Data hygiene", description = "Where the book contradicts itself, and how clean each account and CSM's book is")
class HygieneApi {

    private final DataHygiene hygiene;

    HygieneApi(DataHygiene hygiene) {
        this.hygiene = hygiene;
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
