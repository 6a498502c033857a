package org.lodestar.config;

import java.util.List;
import java.util.stream.Collectors;

/** Configuration that cannot be used, with every problem found. */
public class ConfigInvalid extends RuntimeException {

    private final List<ConfigProblem> problems;

    public ConfigInvalid(List<ConfigProblem> problems) {
        super("Invalid configuration:\n" + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
