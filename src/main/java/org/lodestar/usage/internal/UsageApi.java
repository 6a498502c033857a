package org.lodestar.usage.internal;

import java.time.LocalDate;

import org.lodestar.usage.Usage;
import org.lodestar.usage.UsageReport;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Usage", description = "Product usage per account, from the Segment-compatible tracking API")
class UsageApi {

    private final Usage usage;

    UsageApi(Usage usage) {
        this.usage = usage;
    }

    @GetMapping("/api/accounts/{id}/usage")
    @Operation(summary = "An account's usage", description = "Daily events and active users, events per feature, "
            + "licence utilisation, adoption depth and trends. from/to are inclusive UTC days (default: the last 90 "
            + "days to today).")
    UsageReport report(@PathVariable long id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return usage.report(id, from, to);
    }
}
