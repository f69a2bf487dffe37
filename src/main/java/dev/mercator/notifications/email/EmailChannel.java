package dev.mercator.notifications.email;

import dev.mercator.notifications.channel.ChannelKind;
import dev.mercator.notifications.channel.ChannelSender;
import dev.mercator.notifications.channel.FieldProblem;
import dev.mercator.notifications.channel.OutgoingMessage;
import dev.mercator.notifications.channel.Pace;
import dev.mercator.notifications.channel.PacingSettings;
import dev.mercator.notifications.channel.SendOutcome;
import dev.mercator.notifications.channel.Target;
import dev.mercator.platform.http.ProviderMode;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends alerts by e-mail over SMTP, to the sandbox's SMTP server or a live relay. The relay's replies are classed by
 * RFC 5321 ({@link SmtpFailures}): 4xx transient, 5xx permanent, a refused connection transient, no reply to the end
 * of DATA unknown, which is retried (ADR 21) with the same {@code Message-ID}: {@code <deliveryId@from-domain>}, also
 * the provider message id recorded in the ledger.
 */
@Component
class EmailChannel implements ChannelSender {

    static final String TO = "to";
    static final String SANDBOX_PORT = "mercator.sandbox.smtp.local-port";
    private static final Logger log = LoggerFactory.getLogger(EmailChannel.class);

    private final EmailSettings settings;
    private final Environment environment;
    private final EmailComposer composer;
    private final PacingSettings pacing;
    private volatile @Nullable Relay relay;

    /** The sender for one host and port; the sandbox's port is only known once its server has bound. */
    private record Relay(String host, int port, JavaMailSenderImpl sender) {}

    @Autowired
    EmailChannel(EmailSettings settings, Environment environment, PacingSettings pacing, MeterRegistry meters) {
        this(settings, environment, pacing, new EmailComposer("alert", meters));
    }

    EmailChannel(EmailSettings settings, Environment environment, PacingSettings pacing, EmailComposer composer) {
        this.settings = settings;
        this.pacing = pacing;
        this.environment = environment;
        this.composer = composer;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.EMAIL;
    }

    /** Every message goes through the one relay, whose sending quota (SES, a provider's plan) is the limit. */
    @Override
    public List<Pace> paces(Target target) {
        return List.of(Pace.of("email:relay", pacing.emailPerSecond(), 1, pacing.margin()));
    }

    @Override
    public List<FieldProblem> validate(Map<String, String> destination, Map<String, String> secrets) {
        List<FieldProblem> problems = new ArrayList<>();
        String to = destination.get(TO);
        if (to == null || to.isBlank()) {
            problems.add(new FieldProblem("settings." + TO, "is required: the address to send alerts to"));
        } else if (address(to).isEmpty()) {
            problems.add(new FieldProblem("settings." + TO, "is not a single e-mail address with a domain"));
        }
        for (String secret : secrets.keySet()) {
            problems.add(new FieldProblem("secrets." + secret, "e-mail destinations take no secrets"));
        }
        return problems;
    }

    @Override
    public List<String> secretFields() {
        return List.of();
    }

    @Override
    public boolean retriesUnknownOutcome() {
        // ADR 21: a duplicate e-mail carries the same Message-ID, which clients thread or fold; a lost alert is worse.
        return true;
    }

    @Override
    public SendOutcome send(Target target, OutgoingMessage message) {
        Optional<InternetAddress> to = address(target.settings().getOrDefault(TO, ""));
        if (to.isEmpty()) {
            return new SendOutcome.Permanent("invalid_address", "the destination's address is not valid", true);
        }
        Relay current;
        try {
            current = relay();
        } catch (IllegalStateException notRunning) {
            return new SendOutcome.Transient(
                    "connect_failed", String.valueOf(notRunning.getMessage()), null, Optional.empty());
        }
        String messageId = messageId(message.deliveryId());
        DeliveryMessage mime = new DeliveryMessage(current.sender().getSession(), messageId);
        try {
            compose(mime, to.get(), message);
        } catch (MessagingException | UnsupportedEncodingException bug) {
            throw new IllegalStateException("could not compose delivery " + message.deliveryId(), bug);
        }
        try {
            current.sender().send(mime);
        } catch (MailException failed) {
            SendOutcome outcome = SmtpFailures.classify(failed, mime.written());
            log.info(
                    "E-mail delivery {} to {}:{} not accepted: {}",
                    message.deliveryId(),
                    current.host(),
                    current.port(),
                    outcome);
            return outcome;
        }
        return new SendOutcome.Accepted(messageId, false, Optional.empty());
    }

    String messageId(UUID deliveryId) {
        String from = settings.fromAddress().getAddress();
        return "<" + deliveryId + "@" + from.substring(from.indexOf('@') + 1) + ">";
    }

    private void compose(DeliveryMessage mime, InternetAddress to, OutgoingMessage message)
            throws MessagingException, UnsupportedEncodingException {
        EmailComposer.Rendered rendered = composer.render(message);
        mime.setFrom(settings.fromAddress());
        mime.setRecipient(jakarta.mail.Message.RecipientType.TO, to);
        mime.setSubject(rendered.subject(), "UTF-8");
        // (The Date header is set by JavaMailSenderImpl at send time.) RFC 3834: automated mail, so auto-responders
        // (out of office) do not answer it.
        mime.setHeader("Auto-Submitted", "auto-generated");
        String unsubscribe = message.transactional() ? null : EmailComposer.absolute(message.unsubscribeLink());
        if (unsubscribe != null) {
            // RFC 2369 and RFC 8058: a link, and one-click unsubscription by POST without a confirmation page.
            mime.setHeader("List-Unsubscribe", "<" + unsubscribe + ">");
            mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        String html = rendered.html();
        if (html == null) {
            mime.setText(rendered.text(), "UTF-8", "plain");
        } else {
            MimeBodyPart textPart = new MimeBodyPart();
            textPart.setText(rendered.text(), "UTF-8", "plain");
            MimeBodyPart htmlPart = new MimeBodyPart();
            htmlPart.setText(html, "UTF-8", "html");
            // Plain text first: RFC 2046 orders alternatives from the simplest to the richest.
            mime.setContent(new MimeMultipart("alternative", textPart, htmlPart));
        }
    }

    /** A single bare address with a dotted domain, strictly parsed; anything else (a group, a name) is refused. */
    static Optional<InternetAddress> address(String given) {
        String stripped = given.strip();
        try {
            InternetAddress parsed = new InternetAddress(stripped, true);
            String address = parsed.getAddress();
            int at = address == null ? -1 : address.lastIndexOf('@');
            if (address == null
                    || parsed.isGroup()
                    || !address.equals(stripped)
                    || at < 1
                    || !address.substring(at + 1).contains(".")
                    || address.endsWith(".")) {
                return Optional.empty();
            }
            return Optional.of(parsed);
        } catch (AddressException invalid) {
            return Optional.empty();
        }
    }

    private Relay relay() {
        String host;
        int port;
        if (settings.parsedMode() == ProviderMode.LIVE) {
            host = String.valueOf(settings.host());
            port = settings.port() == null ? 587 : settings.port();
        } else {
            Integer published = environment.getProperty(SANDBOX_PORT, Integer.class);
            if (published == null) {
                throw new IllegalStateException(
                        "the sandbox SMTP server is not running (mercator.sandbox.enabled=false?)");
            }
            host = InetAddress.getLoopbackAddress().getHostAddress();
            port = published;
        }
        Relay known = relay;
        if (known != null && known.host().equals(host) && known.port() == port) {
            return known;
        }
        Relay built = new Relay(host, port, sender(host, port));
        relay = built;
        return built;
    }

    private JavaMailSenderImpl sender(String host, int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setProtocol("smtp");
        sender.setHost(host);
        sender.setPort(port);
        sender.setDefaultEncoding("UTF-8");
        boolean live = settings.parsedMode() == ProviderMode.LIVE;
        String username = settings.username();
        if (live && username != null && !username.isBlank()) {
            sender.setUsername(username);
            sender.setPassword(settings.password());
        }
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.auth", Boolean.toString(sender.getUsername() != null));
        properties.setProperty("mail.smtp.from", settings.fromAddress().getAddress());
        // Jakarta Mail waits for ever by default: each of these bounds one phase of a send.
        properties.setProperty("mail.smtp.connectiontimeout", millis(settings.connectTimeout()));
        properties.setProperty("mail.smtp.timeout", millis(settings.readTimeout()));
        properties.setProperty("mail.smtp.writetimeout", millis(settings.writeTimeout()));
        // Upgrade whenever the relay offers STARTTLS; refuse to send in clear when it is required (live default).
        properties.setProperty("mail.smtp.starttls.enable", "true");
        properties.setProperty("mail.smtp.starttls.required", Boolean.toString(settings.requiresStarttls()));
        properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        properties.setProperty("mail.debug", "false");
        sender.setJavaMailProperties(properties);
        return sender;
    }

    private static String millis(@Nullable Duration duration) {
        return Long.toString(duration == null ? 30_000 : duration.toMillis());
    }
}
