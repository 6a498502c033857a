package org.lodestar.signals;

import java.util.List;
import java.util.Set;

/**
 * Signals fired or resolved on these accounts, published in the transaction that stores them: playbooks
 * start their plays in it, so a fired signal and its play commit together or not at all.
 */
public record SignalsChanged(Set<Long> accountIds, List<Signal> fired, List<Signal> resolved) {
}
