package org.lodestar.billing;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Over every invoice a search matches: how many, how many are overdue, and what is still owed per currency (ISO code
 * to amount, in code order; a currency with nothing owed is left out). Amounts of different currencies are never added.
 */
public record InvoiceCounts(long matched, long overdue, Map<String, BigDecimal> outstandingByCurrency) {
}
