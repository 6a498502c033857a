package org.lodestar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.lodestar.LodestarTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import picocli.CommandLine;

/** The served-pages benchmark against a running Lodestar: signed in through the form, each page timed and sized. */
@LodestarTest
class ServedPagesBenchmarkTest {

    @LocalServerPort
    int port;

    @Test
    void signsInAndTimesEachPageOneRequestAtATime() {
        String[] answer = run("--url", "http://127.0.0.1:" + port, "--email", LodestarTest.ADMIN_EMAIL, "--password",
                LodestarTest.ADMIN_PASSWORD, "--requests", "3", "--warmup", "1", "--pages", "today,backtest,audit");
        assertThat(answer[0]).isEqualTo("0");
        assertThat(answer[1]).contains("1 warm-up and 3 timed requests each")
                .containsPattern("  Today +[\\d.]+ ms +[\\d.]+ ms +\\d+ ms +[\\d.]+ KB")
                .containsPattern("  Backtest \\(page\\) +[\\d.]+ ms")
                .containsPattern("  Backtest, computed each time +[\\d.]+ ms")
                .containsPattern("  Audit +[\\d.]+ ms")
                .doesNotContain("not answered 200").doesNotContain("  Book ")
                .containsPattern("every page's median under 150 ms .*: (PASS|MISS)");
    }

    @Test
    void aWrongPasswordIsSaidSo() {
        String[] answer = run("--url", "http://127.0.0.1:" + port, "--email", LodestarTest.ADMIN_EMAIL, "--password", "wrong");
        assertThat(answer[0]).isEqualTo("1");
        assertThat(answer[2]).contains("Signing in as " + LodestarTest.ADMIN_EMAIL + " failed").contains("--password");
    }

    /** Exit code, standard output, standard error. */
    private static String[] run(String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = new CommandLine(new ServedPagesBenchmark()).execute(arguments);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        return new String[] { String.valueOf(status), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8) };
    }
}
