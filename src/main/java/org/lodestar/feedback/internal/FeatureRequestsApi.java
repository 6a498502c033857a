package org.lodestar.feedback.internal;

import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import org.lodestar.errors.InvalidInput;
import org.lodestar.feedback.Ask;
import org.lodestar.feedback.AskDraft;
import org.lodestar.feedback.AskSource;
import org.lodestar.feedback.DemandRanking;
import org.lodestar.feedback.DemandSort;
import org.lodestar.feedback.FeatureRequests;
import org.lodestar.feedback.ProductRequest;
import org.lodestar.feedback.RequestStatus;
import org.lodestar.outreach.Sent;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

/** Feature requests over HTTP: the ranking (JSON and CSV for the product team), one request, asks, status and merges. */
@RestController
@Tag(name = "Feature requests", description = "Product requests and the accounts asking, ranked by ARR and ARR at risk")
class FeatureRequestsApi {

    private final FeatureRequests requests;
    private final FeatureRequestsCsv csv;

    FeatureRequestsApi(FeatureRequests requests, FeatureRequestsCsv csv) {
        this.requests = requests;
        this.csv = csv;
    }

    @GetMapping("/api/feature-requests")
    @Operation(summary = "The requests ranked by demand: sort arr (default), count or at-risk; status and segment filter",
            description = "Each request with the accounts asking (each once), the asks, their ARR, the ARR at risk (accounts "
                    + "red or yellow, or renewing within 180 days) and the ARR per segment. Merged requests are left out.")
    List<DemandRanking.Ranked> list(@RequestParam(required = false) String sort,
            @RequestParam(required = false) String status, @RequestParam(required = false) String segment) {
        return requests.ranking(status(status), segment, sort(sort));
    }

    @GetMapping("/api/feature-requests.csv")
    @Operation(summary = "The same ranking as CSV, one row per request with the asking accounts")
    void export(@RequestParam(required = false) String sort, @RequestParam(required = false) String status,
            @RequestParam(required = false) String segment, HttpServletResponse response) throws IOException {
        List<DemandRanking.Ranked> ranked = requests.ranking(status(status), segment, sort(sort));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"lodestar-feature-requests-" + requests.today()
                + ".csv\"");
        csv.write(ranked, response.getWriter());
    }

    /** A request with its figures, its asks and, once shipped, the emails prepared for the accounts that asked. */
    record RequestDetail(ProductRequest request, DemandRanking.Ranked figures, List<Ask> asks,
            List<FeatureRequests.Notice> notices) {
    }

    @GetMapping("/api/feature-requests/{id}")
    @Operation(summary = "One request: its figures, its asks and the emails prepared when it shipped")
    RequestDetail get(@PathVariable long id) {
        return new RequestDetail(requests.get(id), requests.figures(id), requests.asks(id), requests.notices(id));
    }

    /** An ask as the API takes it. */
    @Schema(example = """
            {"title": "Export dashboards to PDF", "contactId": 12, "words": "We need to send the usage dashboard to our board every month.", "askedOn": "2026-11-20"}""")
    record AskBody(Long requestId, String title, Long contactId, String words, LocalDate askedOn, Long ticketId,
            Long timelineEntryId) {
    }

    @PostMapping("/api/accounts/{accountId}/feature-requests")
    @Operation(summary = "Record that the account asks for something: a requestId, or a title (a new request unless one "
            + "has that title); contactId, words, askedOn; ticketId or timelineEntryId to tag a ticket or a note",
            description = "The answer names other requests whose titles are alike (similar), to merge if they are the same.")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<FeatureRequests.Recorded> ask(@PathVariable long accountId, @RequestBody AskBody body) {
        FeatureRequests.Recorded recorded = requests.record(accountId, new AskDraft(body.requestId(), body.title(),
                body.contactId(), body.words(), body.askedOn(), AskSource.API, body.ticketId(), body.timelineEntryId()));
        return ResponseEntity.created(URI.create("/api/feature-requests/" + recorded.request().id())).body(recorded);
    }

    @GetMapping("/api/accounts/{accountId}/feature-requests")
    @Operation(summary = "The account's asks, latest first")
    List<Ask> asksOf(@PathVariable long accountId) {
        return requests.asksOf(accountId);
    }

    /** A change to a request; fields left out are kept. */
    @Schema(example = """
            {"title": "Export dashboards to PDF", "description": "Monthly board pack", "status": "planned"}""")
    record RequestEdit(String title, String description, String status) {
    }

    @PutMapping("/api/feature-requests/{id}")
    @Operation(summary = "Rename a request or move its status (new, under-review, planned, shipped, declined); shipped "
            + "prepares an email to each account that asked")
    ProductRequest update(@PathVariable long id, @RequestBody RequestEdit change) {
        return requests.update(id, new FeatureRequests.RequestChange(change.title(), change.description(),
                status(change.status())));
    }

    @Schema(example = """
            {"into": 7}""")
    record Merge(Long into) {
    }

    @PostMapping("/api/feature-requests/{id}/merge")
    @Operation(summary = "Merge a request into another ({\"into\": id}): its asks move there; answers the one kept")
    ProductRequest merge(@PathVariable long id, @RequestBody Merge merge) {
        if (merge.into() == null) {
            throw new InvalidInput("into", "is required: the id of the request to keep");
        }
        return requests.merge(id, merge.into());
    }

    @ApiResponse(responseCode = "200", description = "Sent")
    @ApiResponse(responseCode = "422", description = "Refused: the contact unsubscribed, the guard stops the "
            + "message, a template field has no value, or email or Slack is not set up; the detail says which")
    @ApiResponse(responseCode = "502", description = "Delivery failed: the mail server or Slack did not take the "
            + "message")
    @PostMapping("/api/feature-requests/{id}/notices/{accountId}/send")
    @Operation(summary = "Send the email prepared for an account when the request shipped (422 when the guard stops it)")
    Sent send(@PathVariable long id, @PathVariable long accountId) {
        return requests.sendNotice(id, accountId);
    }

    static RequestStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return RequestStatus.of(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("status", e.getMessage());
        }
    }

    static DemandSort sort(String text) {
        try {
            return DemandSort.of(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("sort", e.getMessage());
        }
    }
}
