package org.lodestar.accounts;

import java.math.BigDecimal;

/** How many accounts and how much ARR a segment holds. */
public record SegmentTotal(String segment, long accounts, BigDecimal arr) {
}
