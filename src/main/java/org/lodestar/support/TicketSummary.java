package org.lodestar.support;

import java.util.List;

/** An account's support at a glance: unresolved tickets, how many are urgent, and the latest tickets. */
public record TicketSummary(int unresolved, int urgentUnresolved, int escalatedUnresolved, List<Ticket> latest) {
}
