package org.lodestar.outreach;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {{...}}} merge fields of a template and filling them in. Pure: the values come from
 * the caller, a field without one (absent, null or blank) renders as an em dash and is reported.
 */
final class MergeFields {

    static final String VARS = "vars.";
    static final String MISSING = "—";
    static final Pattern FIELD = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    static final Pattern VAR_NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    /** Every field a template can use besides {@code vars.NAME}. */
    static final List<String> KNOWN = List.of("account.name", "account.domain", "account.segment", "account.arr",
            "account.renewal_date", "contact.name", "contact.first_name", "contact.email", "csm.name", "csm.email",
            "health.score", "health.band", "usage.active_users_30d", "usage.utilisation", "usage.trend_30d");

    private MergeFields() {
    }

    static boolean known(String field) {
        return KNOWN.contains(field) || field.startsWith(VARS) && VAR_NAME.matcher(field.substring(VARS.length())).matches();
    }

    /** The fields a text uses, in order of first use. */
    static List<String> used(String text) {
        Set<String> fields = new LinkedHashSet<>();
        Matcher m = FIELD.matcher(text == null ? "" : text);
        while (m.find()) {
            fields.add(m.group(1));
        }
        return List.copyOf(fields);
    }

    /** A filled-in text and the fields it used that had no value. */
    record Rendered(String text, List<String> missing) {
    }

    static Rendered render(String text, Map<String, String> values) {
        if (text == null) {
            return new Rendered(null, List.of());
        }
        Set<String> missing = new LinkedHashSet<>();
        Matcher m = FIELD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null || value.isBlank()) {
                missing.add(m.group(1));
                value = MISSING;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return new Rendered(out.toString(), new ArrayList<>(missing));
    }
}
