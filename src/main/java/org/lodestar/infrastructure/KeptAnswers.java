package org.lodestar.infrastructure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Answers computed from the database and kept while what they were computed from stays as it was. The caller names
 * that with a version: a cheap query (a few index reads) whose result changes whenever the answers could. The version
 * is read before an answer is computed, so a change committed while it is computed makes the next version differ and
 * the answer is computed again: an answer is never kept past a change. Read on every node at every request, so a
 * change made through another node shows at once. At most {@code kept} answers are held; past that, all are dropped.
 */
public final class KeptAnswers {

    private final Supplier<List<Object>> version;
    private final int kept;
    private final Map<List<Object>, Object> answers = new ConcurrentHashMap<>();
    private volatile List<Object> answeredAt = List.of();

    public KeptAnswers(Supplier<List<Object>> version, int kept) {
        this.version = version;
        this.kept = kept;
    }

    /** The answer to the question, computed now or kept from an earlier ask since nothing changed. */
    @SuppressWarnings("unchecked")
    public <T> T get(List<Object> question, Supplier<T> compute) {
        List<Object> now = version.get();
        synchronized (this) {
            if (!now.equals(answeredAt) || answers.size() >= kept) {
                answers.clear();
                answeredAt = now;
            }
        }
        Object answer = answers.get(question);
        if (answer == null) {
            answer = compute.get();
            synchronized (this) {
                // Kept only if nothing was seen to change while it was computed.
                if (now.equals(answeredAt)) {
                    answers.put(question, answer);
                }
            }
        }
        return (T) answer;
    }

    /** A version query's single row as the list of its values (as text, so numbers and timestamps compare by value). */
    public static List<Object> row(Map<String, Object> row) {
        return row.values().stream().map(v -> (Object) String.valueOf(v)).toList();
    }
}
