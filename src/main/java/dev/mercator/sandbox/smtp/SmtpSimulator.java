package dev.mercator.sandbox.smtp;

import dev.mercator.sandbox.ConditionalOnSandbox;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.stereotype.Component;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A real SMTP server (SubEthaSMTP) on loopback that the e-mail channel talks to in sandbox mode, over the same protocol
 * as to a live relay. It accepts every sender, answers the faults armed in {@link SmtpFaults} (per recipient at RCPT
 * TO, per message at the end of DATA, or a reply to DATA held back), and files what it accepted in the {@link
 * SmtpInbox}.
 *
 * <p>The port it bound is published in the environment as {@code mercator.sandbox.smtp.local-port}, which the e-mail
 * channel reads at send time (the notifications module does not depend on the sandbox). No STARTTLS: the server does
 * not offer it, and the channel in sandbox mode does not require it (ADR 22).
 */
@Component
@ConditionalOnSandbox
class SmtpSimulator implements DisposableBean {

    static final String LOCAL_PORT = "mercator.sandbox.smtp.local-port";
    private static final Logger log = LoggerFactory.getLogger(SmtpSimulator.class);

    private final SMTPServer server;

    SmtpSimulator(SmtpSimSettings settings, SmtpInbox inbox, SmtpFaults faults, ConfigurableEnvironment environment) {
        Clock clock = Clock.systemUTC();
        this.server = SMTPServer.port(settings.portOrAny())
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("smtp.sandbox.mercator.local")
                .softwareName("Mercator sandbox SMTP")
                .maxMessageSize(10 * 1024 * 1024)
                .connectionTimeoutMs(60_000)
                // AUTH offered (any credentials accepted, never required), so a client with credentials logs in as it
                // would at a live relay.
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {}))
                .messageHandlerFactory(context -> new Session(context, inbox, faults, clock))
                .build();
        server.start();
        int port = server.getPortAllocated();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("mercator-sandbox-smtp", Map.of(LOCAL_PORT, port)));
        log.info(
                "Sandbox SMTP server listening on {}:{}",
                InetAddress.getLoopbackAddress().getHostAddress(),
                port);
    }

    int port() {
        return server.getPortAllocated();
    }

    @Override
    public void destroy() {
        server.stop();
    }

    /** One mail transaction (MAIL FROM .. DATA); SubEthaSMTP makes a new one per message. */
    private static final class Session implements MessageHandler {

        private final MessageContext context;
        private final SmtpInbox inbox;
        private final SmtpFaults faults;
        private final Clock clock;
        private @Nullable String from;
        private final List<String> recipients = new ArrayList<>();

        Session(MessageContext context, SmtpInbox inbox, SmtpFaults faults, Clock clock) {
            this.context = context;
            this.inbox = inbox;
            this.faults = faults;
            this.clock = clock;
        }

        @Override
        public void from(String from) {
            this.from = from;
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            Optional<SmtpFaults.Reply> refusal = faults.forRecipient(recipient);
            if (refusal.isPresent()) {
                throw new RejectException(refusal.get().code(), refusal.get().text());
            }
            recipients.add(recipient);
        }

        @Override
        public @Nullable String data(InputStream data) throws RejectException, IOException {
            byte[] raw = data.readAllBytes();
            Optional<SmtpFaults.Reply> refusal = faults.forMessage();
            if (refusal.isPresent()) {
                throw new RejectException(refusal.get().code(), refusal.get().text());
            }
            try {
                faults.stallIfSet();
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                throw new RejectException(421, "4.3.2 Service shutting down");
            }
            try {
                String user = context.getAuthenticationHandler()
                        .map(handler -> String.valueOf(handler.getIdentity()))
                        .orElse(null);
                inbox.add(ReceivedMail.parse(String.valueOf(from), user, recipients, raw, clock.instant()));
            } catch (MessagingException unreadable) {
                throw new RejectException(554, "5.6.0 Message could not be parsed: " + unreadable.getMessage());
            }
            log.debug("Sandbox SMTP accepted a message for {} in session {}", recipients, context.getSessionId());
            return null;
        }

        @Override
        public void done() {
            // Nothing held per transaction beyond this object.
        }
    }
}
