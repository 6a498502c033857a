package org.lodestar.health;

import java.util.UUID;

/**
 * Some accounts were marked due for a rescore ({@code health_rescore_due}) in the transaction that
 * published this: a durable event whose listener rescores whatever is due. One per transaction; the id
 * only tells two of them apart in the event publication registry.
 */
public record RescoreDue(UUID id) {
}
