package org.lodestar.outreach;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/** Sends plain-text email over SMTP as configured by {@code spring.mail.*}, from {@code lodestar.outreach.from}. */
@Component
class MailDelivery {

    private final ObjectProvider<JavaMailSender> sender;
    private final String from;

    MailDelivery(ObjectProvider<JavaMailSender> sender, @Value("${lodestar.outreach.from:cs@lodestar.local}") String from) {
        this.sender = sender;
        this.from = from;
    }

    String from() {
        return from;
    }

    /** Whether a mail server is configured at all. */
    boolean configured() {
        return sender.getIfAvailable() != null;
    }

    /** Sends one email; replies go to {@code replyTo} (the account's CSM) when given. */
    void send(String to, String replyTo, String subject, String body) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            throw new OutreachRefused("Email is not set up: set LODESTAR_SMTP_HOST (spring.mail.host). Nothing was sent.",
                    List.of(), false);
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        if (replyTo != null && !replyTo.isBlank()) {
            message.setReplyTo(replyTo);
        }
        message.setSubject(subject);
        message.setText(body);
        try {
            mail.send(message);
        } catch (MailException e) {
            String server = mail instanceof JavaMailSenderImpl impl ? " at " + impl.getHost() + ":" + impl.getPort() : "";
            Throwable cause = e.getMostSpecificCause();
            // What the server or the network said, without naming Java's classes to the person reading it.
            String said = cause.getMessage() == null || cause.getMessage().isBlank() ? "no reason given" : cause.getMessage().strip();
            throw new DeliveryFailed("The mail server" + server + " did not take the message (" + said
                    + "). Nothing was sent.", e, cause instanceof jakarta.mail.SendFailedException);
        }
    }
}
