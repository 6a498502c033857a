package org.lodestar.imports;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.lodestar.accounts.Account;
import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.UpsertOutcome;
import org.lodestar.billing.InvoiceDraft;
import org.lodestar.billing.InvoiceStatus;
import org.lodestar.billing.Invoices;
import org.lodestar.support.Satisfaction;
import org.lodestar.support.SupportTickets;
import org.lodestar.support.TicketDraft;
import org.lodestar.support.TicketPriority;
import org.lodestar.support.TicketStatus;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Maps other systems' JSON exports to Lodestar's records (see docs/formats.md): Zendesk tickets to
 * support tickets, Stripe invoices to invoices. Each record goes to a {@link Sink} that applies it
 * in its own savepoint; problems name the record's line and the JSON pointer of the field.
 */
@Component
class JsonFeeds {

    /** Zendesk's ids become external ids with this prefix, apart from tickets of other sources. */
    static final String ZENDESK_PREFIX = "zendesk:";
    /** Currencies Stripe writes in whole units (no cents); and those it writes in thousandths. */
    private static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA",
            "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");
    private static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

    /** Applies one mapped record; {@code fields} maps a Lodestar field name to the JSON pointer it came from. */
    interface Sink {
        void accept(JsonItems.Item item, Map<String, String> fields, Supplier<UpsertOutcome> record);
    }

    private final Accounts accounts;
    private final SupportTickets tickets;
    private final Invoices invoices;

    JsonFeeds(Accounts accounts, SupportTickets tickets, Invoices invoices) {
        this.accounts = accounts;
        this.tickets = tickets;
        this.invoices = invoices;
    }

    /**
     * Zendesk tickets. The ticket's organization names the account: the CRM id that the sideloaded
     * organization (GET /api/v2/tickets.json?include=organizations) carries as its external_id, or,
     * without one, the organization id itself as the account's external id.
     */
    void zendeskTickets(JsonItems export, Sink sink) {
        Map<Long, String> crmIdByOrganization = new HashMap<>();
        JsonNode organizations = export.extras.get("organizations");
        if (organizations != null && organizations.isArray()) {
            for (JsonNode organization : organizations) {
                JsonNode id = organization.get("id");
                JsonNode externalId = organization.get("external_id");
                if (id != null && id.canConvertToLong() && externalId != null && externalId.isString()
                        && !externalId.asString().isBlank()) {
                    crmIdByOrganization.put(id.asLong(), externalId.asString().trim());
                }
            }
        }
        for (JsonItems.Item item : export.items) {
            Map<String, String> fields = Map.of("externalId", item.at("id"), "subject", item.at("subject"),
                    "createdAt", item.at("created_at"), "solvedAt", item.at("updated_at"));
            sink.accept(item, fields, () -> {
                requireObject(item);
                Long id = item.whole("id");
                if (id == null) {
                    throw item.problem("id", "required: the Zendesk ticket id");
                }
                Long organization = item.whole("organization_id");
                if (organization == null) {
                    throw item.problem("organization_id", "the ticket has no organization, so no account to file it under");
                }
                String crmId = crmIdByOrganization.getOrDefault(organization, String.valueOf(organization));
                Account account = accounts.findByExternalId(crmId).orElseThrow(() -> item.problem("organization_id",
                        "no account with external id " + crmId + (crmIdByOrganization.containsKey(organization)
                                ? " (the external_id of organization " + organization + ")"
                                : "; include the organizations (?include=organizations) so their external_id, "
                                        + "the CRM id, names the account")));
                TicketStatus status = zendeskStatus(item);
                Instant createdAt = item.instant("created_at");
                if (createdAt == null) {
                    throw item.problem("created_at", "required: when the ticket was opened");
                }
                Instant solvedAt = status.unresolved() ? null : item.instant("updated_at");
                String subject = item.text("subject") != null ? item.text("subject") : item.text("raw_subject");
                return tickets.upsert(account.id(), new TicketDraft(ZENDESK_PREFIX + id, subject, status,
                        zendeskPriority(item), zendeskEscalated(item), createdAt, solvedAt, zendeskSatisfaction(item),
                        "zendesk"));
            });
        }
    }

    /** Zendesk's new and open are open; pending and on-hold wait on someone else; solved and closed as they are. */
    private static TicketStatus zendeskStatus(JsonItems.Item item) {
        String status = item.text("status");
        return switch (status == null ? "" : status.toLowerCase(Locale.ROOT)) {
            case "new", "open" -> TicketStatus.OPEN;
            case "pending", "hold" -> TicketStatus.PENDING;
            case "solved" -> TicketStatus.SOLVED;
            case "closed" -> TicketStatus.CLOSED;
            default -> throw item.problem("status", "expected one of new, open, pending, hold, solved, closed, got '"
                    + status + "'");
        };
    }

    /** No priority set is Zendesk's default handling: normal. */
    private static TicketPriority zendeskPriority(JsonItems.Item item) {
        String priority = item.text("priority");
        if (priority == null) {
            return TicketPriority.NORMAL;
        }
        try {
            return TicketPriority.of(priority);
        } catch (IllegalArgumentException e) {
            throw item.problem("priority", e.getMessage());
        }
    }

    /** Zendesk has no escalation flag; teams tag escalated tickets "escalated". */
    private static boolean zendeskEscalated(JsonItems.Item item) {
        JsonNode tags = item.node().get("tags");
        if (tags == null || tags.isNull()) {
            return false;
        }
        if (!tags.isArray()) {
            throw item.problem("tags", "expected a list of tags");
        }
        for (JsonNode tag : tags) {
            if (tag.isString() && tag.asString().equalsIgnoreCase("escalated")) {
                return true;
            }
        }
        return false;
    }

    /** A rating of good or bad; offered or unoffered means the customer gave none. */
    private static Satisfaction zendeskSatisfaction(JsonItems.Item item) {
        JsonNode rating = item.node().get("satisfaction_rating");
        if (rating == null || rating.isNull()) {
            return null;
        }
        JsonNode score = rating.get("score");
        if (!rating.isObject() || score == null || !score.isString()) {
            throw item.problem("satisfaction_rating", "expected an object with a score such as {\"score\": \"good\"}");
        }
        return switch (score.asString().toLowerCase(Locale.ROOT)) {
            case "good" -> Satisfaction.GOOD;
            case "bad" -> Satisfaction.BAD;
            case "offered", "unoffered" -> null;
            default -> throw item.problem("satisfaction_rating.score", "expected good, bad, offered or unoffered, got '"
                    + score.asString() + "'");
        };
    }

    /**
     * Stripe invoices. The invoice's customer (its id, or the expanded customer object) names the
     * account whose billing id it is; amounts come in the currency's smallest unit and are stored in
     * the currency.
     */
    void stripeInvoices(JsonItems export, Sink sink) {
        for (JsonItems.Item item : export.items) {
            Map<String, String> fields = Map.of("externalId", item.at("id"), "number", item.at("number"),
                    "currency", item.at("currency"), "amountDue", item.at("amount_due"),
                    "amountPaid", item.at("amount_paid"), "issuedOn", item.at("created"), "dueOn", item.at("due_date"),
                    "paidOn", item.at("status_transitions/paid_at"), "status", item.at("status"));
            sink.accept(item, fields, () -> {
                requireObject(item);
                String object = item.text("object");
                if (object != null && !object.equals("invoice")) {
                    throw item.problem("object", "expected an invoice, got a " + object);
                }
                String id = item.text("id");
                if (id == null) {
                    throw item.problem("id", "required: the Stripe invoice id (in_...)");
                }
                Account account = stripeAccount(item);
                String currency = item.text("currency");
                if (currency == null) {
                    throw item.problem("currency", "required: a three-letter code such as usd");
                }
                BigDecimal amountDue = major(item.minorUnits("amount_due"), currency);
                if (amountDue == null) {
                    throw item.problem("amount_due", "required: the amount in the currency's smallest unit (cents)");
                }
                Instant created = item.epochSeconds("created");
                if (created == null) {
                    throw item.problem("created", "required: when the invoice was created, in Unix seconds");
                }
                InvoiceStatus status = stripeStatus(item);
                Instant dueAt = item.epochSeconds("due_date");
                Instant paidAt = status == InvoiceStatus.PAID ? item.epochSeconds("status_transitions.paid_at") : null;
                return invoices.upsert(account.id(), new InvoiceDraft(id, item.text("number"), currency, amountDue,
                        major(item.minorUnits("amount_paid"), currency), day(created), day(dueAt), day(paidAt), status,
                        "stripe"));
            });
        }
    }

    private Account stripeAccount(JsonItems.Item item) {
        JsonNode customer = item.node().get("customer");
        String customerId = customer == null || customer.isNull() ? null
                : customer.isObject() && customer.get("id") != null ? customer.get("id").asString()
                : customer.isString() ? customer.asString() : null;
        if (customerId == null) {
            throw item.problem("customer", "required: the Stripe customer id (cus_...) the invoice is billed to");
        }
        List<Account> matches = accounts.findByBillingId(customerId);
        if (matches.isEmpty()) {
            throw item.problem("customer", "no account has billing id " + customerId);
        }
        if (matches.size() > 1) {
            throw item.problem("customer", matches.size() + " accounts have billing id " + customerId + " ("
                    + String.join(", ", matches.stream().map(Account::externalId).toList()) + "); give it to one only");
        }
        return matches.getFirst();
    }

    private static InvoiceStatus stripeStatus(JsonItems.Item item) {
        String status = item.text("status");
        if (status == null) {
            throw item.problem("status", "required: draft, open, paid, void or uncollectible");
        }
        try {
            return InvoiceStatus.of(status);
        } catch (IllegalArgumentException e) {
            throw item.problem("status", e.getMessage());
        }
    }

    /** Stripe's smallest unit to the currency: cents for most, whole units for zero-decimal currencies. */
    static BigDecimal major(BigDecimal minor, String currency) {
        if (minor == null) {
            return null;
        }
        String code = currency.toUpperCase(Locale.ROOT);
        int places = ZERO_DECIMAL.contains(code) ? 0 : THREE_DECIMAL.contains(code) ? 3 : 2;
        return minor.movePointLeft(places);
    }

    private static LocalDate day(Instant instant) {
        return instant == null ? null : LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static void requireObject(JsonItems.Item item) {
        if (!item.node().isObject()) {
            throw new CsvTable.CellProblem(new RowProblem(item.line(), item.pointer(), "expected a JSON object"));
        }
    }
}
