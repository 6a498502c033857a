package org.lodestar.feedback;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether two request titles say the same thing: the share of their words in common (Jaccard), after lower-casing,
 * dropping words that carry no meaning ("a", "the", "for", "to"…) and a plural "s". "Export to Excel" and "Excel
 * exports" share everything; "SSO with Okta" and "Okta SSO login" share two words of three.
 */
public final class SimilarTitles {

    /** From this share of words in common a title is suggested as the same request. */
    public static final double THRESHOLD = 0.5;
    private static final Set<String> FILLER = Set.of("a", "an", "the", "to", "for", "of", "in", "on", "with", "and",
            "or", "be", "able", "we", "our", "us", "please", "would", "like", "want", "need", "support", "add", "allow",
            "can", "should", "it", "is", "from", "by");

    private SimilarTitles() {
    }

    /** The meaningful words of a title. */
    public static Set<String> words(String title) {
        if (title == null) {
            return Set.of();
        }
        return Arrays.stream(title.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty())
                .filter(w -> !FILLER.contains(w)).map(SimilarTitles::singular).collect(Collectors.toSet());
    }

    private static String singular(String word) {
        return word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.substring(0, word.length() - 1) : word;
    }

    /** The share of words in common: 1 for the same words, 0 for none in common (or a title without words). */
    public static double similarity(String a, String b) {
        Set<String> left = words(a);
        Set<String> right = words(b);
        if (left.isEmpty() || right.isEmpty()) {
            return 0;
        }
        Set<String> common = new HashSet<>(left);
        common.retainAll(right);
        Set<String> all = new HashSet<>(left);
        all.addAll(right);
        return (double) common.size() / all.size();
    }

    /** The titles (by id) at least {@link #THRESHOLD} alike to {@code title}, most alike first. */
    public static List<Long> alike(String title, Map<Long, String> titles) {
        return titles.entrySet().stream().map(e -> Map.entry(e.getKey(), similarity(title, e.getValue())))
                .filter(e -> e.getValue() >= THRESHOLD)
                .sorted(Comparator.comparing((Map.Entry<Long, Double> e) -> e.getValue()).reversed()
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey).toList();
    }
}
