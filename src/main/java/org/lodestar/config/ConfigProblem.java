package org.lodestar.config;

/** What is wrong in a configuration file, where: file, line (1-based, 0 when unknown) and field path. */
public record ConfigProblem(String file, int line, String field, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
