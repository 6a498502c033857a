package org.lodestar.outreach;

/**
 * An email a CSM writes by hand to one of the account's contacts: no template, no merge fields, the same
 * wrong-customer guard. Recorded with the template name {@value #TEMPLATE}.
 */
public record FreeTextEmail(long accountId, Long contactId, String subject, String body) {

    public static final String TEMPLATE = "free-text";
}
