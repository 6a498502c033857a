package org.lodestar.reviews;

import java.math.BigDecimal;
import java.util.List;

/**
 * A figure the CSM states in a review (ROI, hours saved) in a unit ({@code USD}, {@code hours}), with the parts it is
 * made of: the pack is refused unless the parts add up to the stated value.
 */
public record StatedFigure(String label, String unit, BigDecimal stated, List<Part> parts) {

    public record Part(String label, BigDecimal value) {
    }

    public BigDecimal sumOfParts() {
        return parts.stream().map(Part::value).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
