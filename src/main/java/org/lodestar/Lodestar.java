package org.lodestar;

import java.time.Clock;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Lodestar, the customer success platform: the Spring application that {@code ./lodestar serve} and
 * the command-line tools start (the entry point is {@link org.lodestar.cli.LodestarCommand}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic
@EnableScheduling
public class Lodestar {

    /** Every rule about dates reads this clock, so tests can stand at a chosen instant. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
