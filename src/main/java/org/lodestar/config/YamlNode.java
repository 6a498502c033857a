package org.lodestar.config;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A node of a YAML file being read, which knows its file, line and field path, so every problem
 * it reports says where it is. Problems are collected, not thrown, to report all of them at once.
 */
public final class YamlNode {

    private final ConfigFile file;
    private final String path;
    private final Node node;
    private final List<ConfigProblem> problems;

    private YamlNode(ConfigFile file, String path, Node node, List<ConfigProblem> problems) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.problems = problems;
    }

    /** The document's root, or null (with the problem recorded) when it is not YAML or is empty. */
    public static YamlNode parse(ConfigFile file, List<ConfigProblem> problems) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(1_000_000);
        try {
            Node root = new Yaml(new SafeConstructor(options)).compose(new StringReader(file.text()));
            if (root == null) {
                problems.add(new ConfigProblem(file.origin(), 0, "", "is empty"));
                return null;
            }
            return new YamlNode(file, "", root, problems);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            problems.add(new ConfigProblem(file.origin(), line, "", "is not valid YAML: " + e.getProblem()));
            return null;
        } catch (YAMLException e) {
            problems.add(new ConfigProblem(file.origin(), 0, "", "is not valid YAML: " + e.getMessage()));
            return null;
        }
    }

    public int line() {
        return node.getStartMark().getLine() + 1;
    }

    public String path() {
        return path;
    }

    public String origin() {
        return file.origin();
    }

    public void problem(String message) {
        problems.add(new ConfigProblem(file.origin(), line(), path, message));
    }

    public boolean isMap() {
        return node instanceof MappingNode;
    }

    public boolean isList() {
        return node instanceof SequenceNode;
    }

    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    /** Reports any key that is not one of {@code allowed}, and duplicated keys. False when this is not a map. */
    public boolean expectMap(String... allowed) {
        if (!(node instanceof MappingNode map)) {
            problem("expected a map of " + String.join(", ", allowed));
            return false;
        }
        Set<String> known = Set.of(allowed);
        Set<String> seen = new HashSet<>();
        for (NodeTuple tuple : map.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
            YamlNode keyNode = new YamlNode(file, child(key), tuple.getKeyNode(), problems);
            if (!known.contains(key)) {
                keyNode.problem("unknown field; expected one of " + String.join(", ", allowed));
            } else if (!seen.add(key)) {
                keyNode.problem("appears twice");
            }
        }
        return true;
    }

    /** The value under {@code key}, or null when absent (or this is not a map). */
    public YamlNode get(String key) {
        if (node instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                    return new YamlNode(file, child(key), tuple.getValueNode(), problems);
                }
            }
        }
        return null;
    }

    /** The value under {@code key}, reporting it as required when absent. */
    public YamlNode require(String key) {
        YamlNode value = get(key);
        if (value == null && node instanceof MappingNode) {
            problems.add(new ConfigProblem(file.origin(), line(), child(key), "is required"));
        }
        return value;
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public List<YamlNode> items() {
        if (!(node instanceof SequenceNode list)) {
            problem("expected a list");
            return List.of();
        }
        List<YamlNode> items = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            items.add(new YamlNode(file, path + "[" + i + "]", list.getValue().get(i), problems));
        }
        return items;
    }

    /** The scalar's text, or null (reported) when this is a map or list. */
    public String text() {
        if (!(node instanceof ScalarNode scalar)) {
            problem("expected a single value");
            return null;
        }
        return scalar.getValue().trim();
    }

    /** A number between {@code min} and {@code max}, or null (reported). */
    public BigDecimal number(BigDecimal min, BigDecimal max) {
        String text = text();
        if (text == null) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(text);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                problem("expected a number from " + min.toPlainString() + " to " + max.toPlainString() + ", got " + text);
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            problem("expected a number, got '" + text + "'");
            return null;
        }
    }
}
