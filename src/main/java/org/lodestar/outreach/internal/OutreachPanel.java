package org.lodestar.outreach.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.lodestar.accounts.Stakeholder;
import org.lodestar.accounts.StakeholderRole;
import org.lodestar.accounts.StakeholderStatus;
import org.lodestar.accounts.Stakeholders;
import org.lodestar.errors.InvalidInput;
import org.lodestar.infrastructure.Labels;
import org.lodestar.outreach.DeliveryFailed;
import org.lodestar.outreach.Channel;
import org.lodestar.outreach.FreeTextEmail;
import org.lodestar.outreach.Outreach;
import org.lodestar.outreach.OutreachMessage;
import org.lodestar.outreach.OutreachRefused;
import org.lodestar.outreach.OutreachRequest;
import org.lodestar.outreach.OutreachTemplate;
import org.lodestar.outreach.OutreachTemplates;
import org.lodestar.outreach.Sent;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The outreach panel of the account page, loaded by htmx: pick a template and a contact, fill in the
 * template's variables, preview or send, and see the account's recent messages.
 */
@Controller
class OutreachPanel {

    private static final String VAR = "var.";
    private static final int RECENT = 10;

    private final Outreach outreach;
    private final OutreachTemplates templates;
    private final Stakeholders stakeholders;

    /** The composer's stand-in for a template: an email with the subject and body written in the form. */
    private static final OutreachTemplate WRITTEN = new OutreachTemplate(FreeTextEmail.TEMPLATE,
            "An email written by hand to one contact, checked by the same wrong-customer guard as a template's.",
            Channel.EMAIL, "", "", List.of(), "composer");

    OutreachPanel(Outreach outreach, OutreachTemplates templates, Stakeholders stakeholders) {
        this.outreach = outreach;
        this.templates = templates;
        this.stakeholders = stakeholders;
    }

    @GetMapping("/accounts/{accountId}/outreach")
    String panel(@PathVariable long accountId, @RequestParam Map<String, String> form, Model model) {
        return show(accountId, form, model);
    }

    @PostMapping("/accounts/{accountId}/outreach")
    String act(@PathVariable long accountId, @RequestParam Map<String, String> form, Model model) {
        boolean send = "send".equals(form.get("action"));
        try {
            if (FreeTextEmail.TEMPLATE.equals(form.get("template"))) {
                FreeTextEmail email = new FreeTextEmail(accountId, contactId(form), form.get("subject"), form.get("body"));
                if (send) {
                    model.addAttribute("sent", outreach.send(email));
                } else {
                    model.addAttribute("preview", outreach.preview(email));
                }
            } else if (send) {
                Sent sent = outreach.send(request(accountId, form));
                model.addAttribute("sent", sent);
            } else {
                model.addAttribute("preview", outreach.preview(request(accountId, form)));
            }
        } catch (InvalidInput e) {
            model.addAttribute("errors", e.problems());
        } catch (OutreachRefused | DeliveryFailed e) {
            model.addAttribute("refusal", e.getMessage());
        }
        return show(accountId, form, model);
    }

    private String show(long accountId, Map<String, String> form, Model model) {
        List<OutreachMessage> recent = outreach.messages(accountId, RECENT);
        List<Stakeholder> contacts = stakeholders.list(accountId).stream()
                .filter(s -> s.status() == StakeholderStatus.ACTIVE).toList();
        boolean writing = FreeTextEmail.TEMPLATE.equals(form.get("template"));
        OutreachTemplate chosen = writing ? WRITTEN : templates.find(form.get("template"))
                .orElse(templates.all().isEmpty() ? null : templates.all().getFirst());
        model.addAttribute("writing", writing);
        model.addAttribute("subject", writing ? form.getOrDefault("subject", "") : "");
        model.addAttribute("body", writing ? form.getOrDefault("body", "") : "");
        Map<String, String> vars = new LinkedHashMap<>();
        if (chosen != null) {
            chosen.vars().forEach(v -> vars.put(v, form.getOrDefault(VAR + v, "")));
        }
        model.addAttribute("accountId", accountId);
        model.addAttribute("templates", templates.all());
        model.addAttribute("chosen", chosen);
        model.addAttribute("contacts", contacts);
        // A task's "Prepare" names the role its step goes to (to=champion): that contact, not simply the first.
        StakeholderRole role;
        try {
            role = form.get("to") == null || form.get("to").isBlank() ? null : StakeholderRole.of(form.get("to"));
        } catch (IllegalArgumentException e) {
            role = null;
        }
        StakeholderRole wanted = role;
        Stakeholder addressed = contacts.stream().filter(s -> wanted != null && s.role() == wanted).findFirst()
                .orElse(contacts.isEmpty() ? null : contacts.getFirst());
        model.addAttribute("contactId", form.getOrDefault("contactId", addressed == null ? "" : Long.toString(addressed.id())));
        model.addAttribute("vars", vars);
        model.addAttribute("varLabels", vars.keySet().stream()
                .collect(Collectors.toMap(key -> key, Labels::readable, (a, b) -> a, LinkedHashMap::new)));
        model.addAttribute("messages", recent);
        return "outreach :: panel";
    }

    private static Long contactId(Map<String, String> form) {
        String contact = form.get("contactId");
        if (contact == null || contact.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(contact.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput("contactId", "expected a contact, got '" + contact + "'");
        }
    }

    private static OutreachRequest request(long accountId, Map<String, String> form) {
        Long contactId = contactId(form);
        Map<String, String> vars = new LinkedHashMap<>();
        form.forEach((key, value) -> {
            if (key.startsWith(VAR) && value != null && !value.isBlank()) {
                vars.put(key.substring(VAR.length()), value);
            }
        });
        return new OutreachRequest(form.get("template"), accountId, contactId, vars);
    }
}
