package org.lodestar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The jar {@code ./mvnw package} builds (run by Failsafe, after it): the benchmarks are not in it but in
 * target/lodestar-bench.jar beside it, and {@code benchmark} works with that added and says where it is without.
 */
@Tag("slow")
class ProductionJarTest {

    private static final Path JAR = Path.of("target/lodestar.jar");
    private static final Path BENCH = Path.of("target/lodestar-bench.jar");

    private static List<String> classes(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class")).toList();
        }
    }

    private record Run(int status, String out) {
    }

    private static Run java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out);
    }

    @Test
    void theBenchmarksShipBesideTheProductionJarNotInIt() throws IOException, InterruptedException {
        assertThat(JAR).as("built by ./mvnw package").exists();
        assertThat(BENCH).as("built by ./mvnw package").exists();
        assertThat(classes(JAR)).filteredOn(n -> n.startsWith("BOOT-INF/classes/org/lodestar/cli/"))
                .isNotEmpty()
                .noneMatch(n -> n.matches(".*/(BenchmarkCommand|BenchmarkLedger|HealthBenchmark|IngestionBenchmark|ChurnBenchmark)"
                        + "(\\$.*)?\\.class"));
        assertThat(classes(BENCH)).contains("org/lodestar/cli/BenchmarkCommand.class", "org/lodestar/cli/HealthBenchmark.class",
                "org/lodestar/cli/IngestionBenchmark.class", "org/lodestar/cli/ChurnBenchmark.class")
                .noneMatch(n -> n.endsWith("Test.class"));
        assertThat(Files.size(BENCH)).isLessThan(Files.size(JAR) / 100);

        Run without = java("-jar", JAR.toString(), "benchmark", "health", "--runs", "1");
        assertThat(without.status()).as(without.out()).isEqualTo(2);
        assertThat(without.out()).contains("The benchmarks are not in this jar");

        Run with = java("-Dloader.path=" + BENCH, "-jar", JAR.toString(), "benchmark", "--help");
        assertThat(with.status()).as(with.out()).isZero();
        assertThat(with.out()).contains("Usage: lodestar benchmark", "health", "ingestion", "retention", "churn");
    }
}
