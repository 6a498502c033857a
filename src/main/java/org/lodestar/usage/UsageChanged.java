package org.lodestar.usage;

import java.util.Set;

/** The rollups of these accounts changed (new, late or imported usage): published in the transaction that changed them. */
public record UsageChanged(Set<Long> accountIds) {
}
