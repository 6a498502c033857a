package org.lodestar;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server (GreenMail) on a free port of 127.0.0.1 for the tests that send mail: registered as a static
 * {@code @RegisterExtension} field, it is started afresh for each test (GreenMail's default); {@link #register} points
 * the application's mail sender at it from the class's {@code @DynamicPropertySource}.
 */
public final class SmtpServer extends GreenMailExtension {

    private final int port;

    private SmtpServer(int port) {
        super(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        this.port = port;
    }

    public static SmtpServer onFreePort() {
        return new SmtpServer(FreePorts.any());
    }

    /** Sends the application's mail to this server. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> port);
    }

    /** Sends the application's mail to this server, from {@code from}. */
    public void register(DynamicPropertyRegistry registry, String from) {
        register(registry);
        registry.add("lodestar.outreach.from", () -> from);
    }
}
