package org.lodestar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lodestar.LodestarProcess;

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
        List<String> command = LodestarProcess.java();
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

    /**
     * The jar itself starts and serves: a dependency the tests have but the jar lacks (a library declared for the tests
     * only, which takes it out of the jar) shows here and nowhere else.
     */
    @Test
    void theProductionJarServesItsPagesAndRunsItsTools(@org.junit.jupiter.api.io.TempDir Path data)
            throws IOException, InterruptedException {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = data.resolve("serve.log");
        List<String> serve = LodestarProcess.java();
        serve.addAll(List.of("-jar", JAR.toString(), "serve", "--port", String.valueOf(port), "--data",
                data.resolve("db").toString()));
        Process server = new ProcessBuilder(serve).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            var client = java.net.http.HttpClient.newHttpClient();
            int status = 0;
            for (int attempt = 0; attempt < 180 && status != 200 && server.isAlive(); attempt++) {
                try {
                    status = client.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + "/login")).build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (java.net.ConnectException notYet) {
                    Thread.sleep(500);
                }
            }
            assertThat(status).as(Files.readString(log)).isEqualTo(200);
            var health = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");
        } finally {
            server.destroy();
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(log)).doesNotContain("NoClassDefFoundError", "ClassNotFoundException");

        Run users = java("-jar", JAR.toString(), "users", "list", "--data", data.resolve("db").toString());
        assertThat(users.status()).as(users.out()).isZero();
        assertThat(users.out()).contains("admin@lodestar.local");
    }
}
