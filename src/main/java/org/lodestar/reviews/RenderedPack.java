package org.lodestar.reviews;

/** A checked pack as files: {@code fileName} without extension (e.g. {@code P-ACME-qbr-2026Q4}), the deck and the PDF. */
public record RenderedPack(String fileName, byte[] pptx, byte[] pdf) {
}
