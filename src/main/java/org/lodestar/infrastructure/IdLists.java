package org.lodestar.infrastructure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;

/** Queries over many ids, a bounded {@code in (…)} list at a time (databases cap the parameters of one statement). */
public final class IdLists {

    private static final int CHUNK = 1000;

    private IdLists() {
    }

    /** Calls {@code query} once per chunk of the ids with {@code " in (?, ?, …)"} and that chunk as its parameters. */
    public static void inChunks(Collection<Long> ids, BiConsumer<String, List<Object>> query) {
        List<Long> list = List.copyOf(ids);
        for (int i = 0; i < list.size(); i += CHUNK) {
            List<Long> chunk = list.subList(i, Math.min(list.size(), i + CHUNK));
            query.accept(" in (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")", new ArrayList<>(chunk));
        }
    }
}
