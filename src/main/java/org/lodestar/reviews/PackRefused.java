package org.lodestar.reviews;

import java.util.List;
import java.util.stream.Collectors;

/** A pack not rendered because totals on it do not match their parts; each mismatch is named. Answered as 422. */
public class PackRefused extends RuntimeException {

    private final List<PackCrossCheck.Total> mismatches;

    public PackRefused(List<PackCrossCheck.Total> mismatches) {
        super("The pack is not rendered: " + mismatches.stream().map(PackCrossCheck.Total::mismatch)
                .collect(Collectors.joining("; ")));
        this.mismatches = List.copyOf(mismatches);
    }

    public List<PackCrossCheck.Total> mismatches() {
        return mismatches;
    }
}
