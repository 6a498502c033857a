package org.lodestar.config;

/** A configuration file's text and where it came from (a path, or {@code shipped:} and its name). */
public record ConfigFile(String name, String origin, String text) {
}
