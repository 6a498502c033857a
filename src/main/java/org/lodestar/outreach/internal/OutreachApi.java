package org.lodestar.outreach.internal;

import java.net.URI;
import java.util.List;

import org.lodestar.infrastructure.Paging;
import org.lodestar.outreach.FreeTextEmail;
import org.lodestar.outreach.Outreach;
import org.lodestar.outreach.OutreachMessage;
import org.lodestar.outreach.OutreachRequest;
import org.lodestar.outreach.OutreachTemplate;
import org.lodestar.outreach.OutreachTemplates;
import org.lodestar.outreach.Preview;
import org.lodestar.outreach.Sent;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Outreach over HTTP: the templates, previews, sends and each account's messages. */
@RestController
@Tag(name = "Outreach", description = "Messages from templates: email to contacts, alerts to Slack")
class OutreachApi {

    private final Outreach outreach;
    private final OutreachTemplates templates;

    OutreachApi(Outreach outreach, OutreachTemplates templates) {
        this.outreach = outreach;
        this.templates = templates;
    }

    @Operation(summary = "List the outreach templates")
    @GetMapping("/api/outreach/templates")
    List<OutreachTemplate> templates() {
        return templates.all();
    }

    @ApiResponse(responseCode = "200", description = "The message as it would go out")
    @ApiResponse(responseCode = "422", description = "Refused: the contact unsubscribed, the guard stops the "
            + "message, a template field has no value, or email or Slack is not set up; the detail says which")
    @PostMapping("/api/outreach/preview")
    @Operation(summary = "Fill in a template without sending it", description = "Fields without a value show as an "
            + "em dash and are listed in missing; blockedReason says why the wrong-customer guard would stop it.")
    Preview preview(@RequestBody OutreachRequest request) {
        return outreach.preview(request);
    }

    @ApiResponse(responseCode = "200", description = "Sent, or blocked by the guard (blockedReason says why)")
    @ApiResponse(responseCode = "422", description = "Refused: the contact unsubscribed, the guard stops the "
            + "message, a template field has no value, or email or Slack is not set up; the detail says which")
    @ApiResponse(responseCode = "502", description = "Delivery failed: the mail server or Slack did not take the "
            + "message")
    @PostMapping("/api/outreach/send")
    @Operation(summary = "Send a message from a template", description = "Email to the contact over SMTP, or an alert "
            + "to the Slack webhook. 422 when a used merge field has no value or the message names another customer "
            + "(then it is recorded as blocked); 502 when the mail server or Slack does not take it.")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<Sent> send(@RequestBody OutreachRequest request) {
        Sent sent = outreach.send(request);
        return ResponseEntity.created(URI.create("/api/accounts/" + sent.accountId() + "/outreach")).body(sent);
    }

    /** An email written by hand: {@code contactId}, {@code subject}, {@code body}. */
    @Schema(example = """
            {"contactId": 12, "subject": "Your renewal on 1 March", "body": "Hi Wile, your subscription renews on 1 March. Shall we meet next week to go over the plan?"}""")
    record WrittenEmail(Long contactId, String subject, String body) {
    }

    @PostMapping("/api/accounts/{accountId}/emails/preview")
    @Operation(summary = "Check an email written by hand without sending it", description = "blockedReason says why the "
            + "wrong-customer guard would stop it (another customer named by its name or one of its aliases).")
    Preview previewEmail(@PathVariable long accountId, @RequestBody WrittenEmail email) {
        return outreach.preview(new FreeTextEmail(accountId, email.contactId(), email.subject(), email.body()));
    }

    @ApiResponse(responseCode = "200", description = "Sent, or blocked by the guard (blockedReason says why)")
    @ApiResponse(responseCode = "422", description = "Refused: the contact unsubscribed, the guard stops the "
            + "message, a template field has no value, or email or Slack is not set up; the detail says which")
    @ApiResponse(responseCode = "502", description = "Delivery failed: the mail server or Slack did not take the "
            + "message")
    @PostMapping("/api/accounts/{accountId}/emails")
    @Operation(summary = "Send an email written by hand to one of the account's contacts", description = "The same "
            + "wrong-customer guard as a template's: 422 when it names another customer (recorded as blocked), 400 for a "
            + "missing subject, body or contact, 502 when the mail server does not take it.")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<Sent> sendEmail(@PathVariable long accountId, @RequestBody WrittenEmail email) {
        Sent sent = outreach.send(new FreeTextEmail(accountId, email.contactId(), email.subject(), email.body()));
        return ResponseEntity.created(URI.create("/api/accounts/" + sent.accountId() + "/outreach")).body(sent);
    }

    @GetMapping("/api/accounts/{accountId}/outreach")
    @Operation(summary = "An account's messages, sent and blocked, newest first")
    List<OutreachMessage> messages(@PathVariable long accountId, @RequestParam(defaultValue = "100") int limit) {
        return outreach.messages(accountId, Paging.limit(limit, 1000));
    }
}
