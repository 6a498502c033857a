package org.lodestar.support;

/** Over every ticket a search matches: how many, how many are unresolved, unresolved and urgent, unresolved and escalated. */
public record TicketCounts(long matched, long unresolved, long urgentUnresolved, long escalatedUnresolved) {
}
