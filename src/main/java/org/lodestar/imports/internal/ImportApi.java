package org.lodestar.imports.internal;

import java.util.Map;

import org.lodestar.audit.Actors;
import org.lodestar.errors.InvalidInput;
import org.lodestar.imports.CsvImports;
import org.lodestar.imports.ImportKind;
import org.lodestar.imports.ImportReport;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Imports over HTTP: the body is the file, Lodestar CSV or a Zendesk or Stripe JSON export. */
@RestController
@Tag(name = "Imports", description = "Lodestar CSV and Zendesk/Stripe JSON imports: all or nothing unless partial=true")
class ImportApi {

    private static final String ACCOUNTS_CSV = """
            external_id,name,domain,industry,country,owner_email,parent_external_id,lifecycle_stage,coverage_model,billing_id,product_group_id
            A-1001,Acme Rockets,acme.example,Aerospace,US,,,adoption,high-touch,cus_Q1w2E3,
            """;
    private static final String ZENDESK_TICKETS = """
            {"tickets": [{"id": 4411, "subject": "Exports time out", "status": "open", "priority": "high",
              "organization_id": 90011, "created_at": "2026-12-01T09:30:00Z"}]}""";

    private final CsvImports imports;

    ImportApi(CsvImports imports) {
        this.imports = imports;
    }

    @ApiResponse(responseCode = "200", description = "Imported: what was created, updated, unchanged and rejected",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportReport.class)))
    @PostMapping(value = "/api/import/{kind}", consumes = { "text/csv", "text/plain", "application/json",
            "application/octet-stream" })
    @Operation(summary = "Import a file", description = "kind: accounts, stakeholders, subscriptions, tickets, surveys "
            + "invoices or feature-requests (Lodestar CSV, body text/csv), metrics (a table of stated figures, kept whole), zendesk-tickets or stripe-invoices (JSON export, body "
            + "application/json). A file with any bad row commits nothing (400 listing each row) unless partial=true, "
            + "which commits the good rows and lists the rejects. Re-importing the same file changes nothing.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The file, as it is",
                    content = {
                            @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary"),
                                    examples = @ExampleObject(name = "accounts", value = ACCOUNTS_CSV)),
                            @Content(mediaType = "text/plain", schema = @Schema(type = "string", format = "binary"),
                                    examples = @ExampleObject(name = "accounts", value = ACCOUNTS_CSV)),
                            @Content(mediaType = "application/json", schema = @Schema(type = "string", format = "binary"),
                                    examples = @ExampleObject(name = "zendesk-tickets", value = ZENDESK_TICKETS)),
                            @Content(mediaType = "application/octet-stream",
                                    schema = @Schema(type = "string", format = "binary"),
                                    examples = @ExampleObject(name = "accounts", value = ACCOUNTS_CSV)) }))
    ResponseEntity<?> run(@PathVariable String kind, @RequestParam(defaultValue = "false") boolean partial,
            @RequestParam(required = false) String filename, @RequestBody(required = false) byte[] body) {
        ImportKind importKind;
        try {
            importKind = ImportKind.of(kind);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("kind", e.getMessage());
        }
        if (filename == null) {
            filename = importKind.json() ? "upload.json" : "upload.csv";
        }
        if (filename.length() > 200 || filename.isBlank()) {
            throw new InvalidInput("filename", "must be 1 to 200 characters");
        }
        if (body == null || body.length == 0) {
            throw new InvalidInput("body", importKind.json() ? "the request body must be the JSON export"
                    : "the request body must be the CSV file, with its header row");
        }
        ImportReport report = imports.run(importKind, body, filename, partial, Actors.current());
        if (report.committed()) {
            return ResponseEntity.ok(report);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, report.summary());
        problem.setTitle("Import rejected");
        problem.setProperty("report", report);
        problem.setProperty("errors", report.rejected().stream().map(p -> Map.of("line", p.line(),
                "column", p.column() == null ? "" : p.column(), "reason", p.reason())).toList());
        return ResponseEntity.badRequest().body(problem);
    }
}
