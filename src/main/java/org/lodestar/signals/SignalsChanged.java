package org.lodestar.signals;

import java.util.List;
import java.util.Set;

/** Signals fired or resolved on these accounts, published after they are stored (playbooks react to it). */
public record SignalsChanged(Set<Long> accountIds, List<Signal> fired, List<Signal> resolved) {
}
