package org.lodestar.usage;

import java.util.Set;

/** Published after the rollups of these accounts changed (new, late or imported usage). */
public record UsageChanged(Set<Long> accountIds) {
}
