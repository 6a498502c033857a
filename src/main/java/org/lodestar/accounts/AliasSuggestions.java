package org.lodestar.accounts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The other names people use for a customer, read from its name and domain: the name without its legal form or a
 * generic word ("Apex Corp" → "Apex", "Initech Software Ltd" → "Initech"), without a leading "The", and the web
 * domain ("apexcorp.com"). A domain's bare stem ("apexcorp") is not suggested: stems are often plain words
 * ("monday", "box"). Nothing shorter than three letters is suggested. Pure.
 */
public final class AliasSuggestions {

    private static final Set<String> LEGAL = Set.of("inc", "incorporated", "corp", "corporation", "co", "company", "ltd",
            "limited", "llc", "llp", "lp", "plc", "gmbh", "ag", "kg", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "pty",
            "oy", "ab", "as", "kk", "pte", "pvt", "sl", "se");
    private static final Set<String> GENERIC = Set.of("group", "holdings", "holding", "technologies", "technology",
            "software", "systems", "solutions", "labs", "industries", "international", "global", "partners", "services",
            "enterprises", "ventures", "digital", "networks", "consulting", "analytics", "cloud", "data");
    private static final Pattern DOMAIN = Pattern.compile("(?i)^(?:https?://)?(?:www\\.)?([a-z0-9-]+(?:\\.[a-z0-9-]+)+)(?:/.*)?$");
    private static final int SHORTEST = 3;

    private AliasSuggestions() {
    }

    /** The suggestions for a customer, best first, each once (ignoring case) and never the name itself. */
    public static List<String> suggest(String name, String domain) {
        Map<String, String> found = new LinkedHashMap<>();
        String own = name == null ? "" : name.strip();
        if (!own.isEmpty()) {
            List<String> words = new ArrayList<>(List.of(own.split("\\s+")));
            if (words.size() > 1 && words.getFirst().equalsIgnoreCase("the")) {
                words.removeFirst();
                add(found, String.join(" ", words), own);
            }
            boolean cut = false;
            while (words.size() > 1 && LEGAL.contains(bare(words.getLast()))) {
                words.removeLast();
                cut = true;
            }
            if (cut) {
                add(found, String.join(" ", words), own);
            }
            while (words.size() > 1 && GENERIC.contains(bare(words.getLast()))) {
                words.removeLast();
                add(found, String.join(" ", words), own);
            }
        }
        String bare = bareDomain(domain);
        if (bare != null) {
            add(found, bare, own);
        }
        return List.copyOf(found.values());
    }

    /** A web domain as people write it ("https://www.Apex.com/") bare and lower-cased ("apex.com"), or null when it is not one. */
    public static String bareDomain(String domain) {
        if (domain == null) {
            return null;
        }
        var m = DOMAIN.matcher(domain.strip());
        return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /**
     * The name two records of one customer would share: lower-cased, without punctuation, a leading "the" and trailing
     * legal forms ("Acme Corp." and "ACME, Inc" and "The Acme" all read "acme"). Generic words stay: "Sutton Networks"
     * and "Sutton Consulting" are two companies more often than one.
     */
    public static String matchKey(String name) {
        List<String> words = new ArrayList<>();
        for (String word : (name == null ? "" : name).strip().split("\\s+")) {
            String bare = bare(word);
            if (!bare.isEmpty()) {
                words.add(bare);
            }
        }
        if (words.size() > 1 && words.getFirst().equals("the")) {
            words.removeFirst();
        }
        while (words.size() > 1 && LEGAL.contains(words.getLast())) {
            words.removeLast();
        }
        return String.join(" ", words);
    }

    private static void add(Map<String, String> found, String alias, String name) {
        String trimmed = alias.replaceAll("[\\s,.;:&-]+$", "").strip();
        if (trimmed.replaceAll("[^\\p{L}\\p{N}]", "").length() >= SHORTEST && !trimmed.equalsIgnoreCase(name)) {
            found.putIfAbsent(trimmed.toLowerCase(Locale.ROOT), trimmed);
        }
    }

    /** A word without its punctuation, lower-cased: "Inc." and "Ltd," are legal forms too. */
    private static String bare(String word) {
        return word.replaceAll("[^\\p{L}\\p{N}]", "").toLowerCase(Locale.ROOT);
    }
}
