package org.lodestar.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The YAML files of one configuration folder ({@code scorecards}, ...): the ones shipped with
 * Lodestar, with any file of the same name in {@code <config dir>/<folder>} taking its place and
 * other files there added.
 */
public final class ConfigFiles {

    private ConfigFiles() {
    }

    public static List<ConfigFile> load(Path configDir, String folder) {
        Map<String, ConfigFile> files = new TreeMap<>();
        try {
            Resource[] shipped = new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:config/" + folder + "/*.yaml");
            for (Resource resource : shipped) {
                String name = resource.getFilename();
                files.put(name, new ConfigFile(name, "shipped:" + folder + "/" + name,
                        resource.getContentAsString(StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the shipped configuration " + folder, e);
        }
        if (configDir != null) {
            Path dir = configDir.resolve(folder);
            if (Files.isDirectory(dir)) {
                for (Path path : yamlFiles(dir)) {
                    files.put(path.getFileName().toString(), read(path));
                }
            }
        }
        return new ArrayList<>(files.values());
    }

    /** One file given by path, e.g. a candidate scorecard for a dry-run. */
    public static ConfigFile read(Path path) {
        try {
            return new ConfigFile(path.getFileName().toString(), path.toString(), Files.readString(path, StandardCharsets.UTF_8));
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ConfigInvalid(List.of(new ConfigProblem(path.toString(), 0, "", "is not UTF-8 text")));
        } catch (IOException e) {
            throw new ConfigInvalid(List.of(new ConfigProblem(path.toString(), 0, "", "cannot be read: " + e.getMessage())));
        }
    }

    private static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }
}
