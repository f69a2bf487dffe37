package dev.mercator.notifications.email;

import dev.mercator.notifications.channel.Notice;
import dev.mercator.notifications.channel.OutgoingMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a message's subject, text part and HTML part from the Thymeleaf templates {@code
 * notifications/email/<template>.txt} and {@code .html}. The HTML template escapes every value (Thymeleaf's {@code
 * th:text} and {@code th:href}); only absolute http(s) links are passed to it, so a {@code javascript:} link never
 * reaches a mail client. A template that fails to render must not cost the merchant the alert: the message then goes
 * as plain text built here, and the fallback is counted ({@code mercator.notifications.email.template.fallbacks}).
 */
final class EmailComposer {

    static final String FALLBACKS = "mercator.notifications.email.template.fallbacks";
    private static final Logger log = LoggerFactory.getLogger(EmailComposer.class);
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int MAX_SUBJECT = 200;

    /** What goes into the message; {@code html} is null when the templates failed and plain text is sent instead. */
    record Rendered(String subject, String text, @Nullable String html) {}

    private final String template;
    private final TemplateEngine html;
    private final TemplateEngine text;
    private final Counter fallbacks;

    EmailComposer(String template, MeterRegistry meters) {
        this.template = template;
        this.html = engine(TemplateMode.HTML, ".html");
        this.text = engine(TemplateMode.TEXT, ".txt");
        this.fallbacks = Counter.builder(FALLBACKS)
                .description("E-mails sent as plain text because a template failed to render")
                .register(meters);
    }

    Rendered render(OutgoingMessage message) {
        String subject = subject(message);
        Context context = new Context(Locale.ROOT);
        context.setVariable("title", title(message));
        context.setVariable(
                "notices", message.notices().stream().map(EmailComposer::model).toList());
        context.setVariable("unsubscribeLink", message.transactional() ? null : absolute(message.unsubscribeLink()));
        try {
            return new Rendered(subject, text.process(template, context), html.process(template, context));
        } catch (RuntimeException failed) {
            // Thymeleaf's TemplateInputException, TemplateProcessingException and OGNL's errors: all unchecked.
            fallbacks.increment();
            log.warn(
                    "E-mail template '{}' failed to render ({}); sending delivery {} as plain text",
                    template,
                    failed.getClass().getSimpleName(),
                    message.deliveryId());
            return new Rendered(subject, plainText(message), null);
        }
    }

    static String subject(OutgoingMessage message) {
        String subject;
        if (message.notices().size() > 1) {
            subject = "[Mercator] " + message.notices().size() + " alerts";
        } else {
            Notice notice = message.notices().getFirst();
            subject = "[Mercator] " + notice.severity() + ": " + notice.subject() + " (" + notice.type() + ")";
        }
        // No line breaks in a header, whatever a subject contains.
        String flat = subject.replaceAll("[\\r\\n\\t]+", " ").strip();
        return flat.length() > MAX_SUBJECT ? flat.substring(0, MAX_SUBJECT - 1) + "…" : flat;
    }

    private static String title(OutgoingMessage message) {
        int count = message.notices().size();
        return count > 1 ? count + " alerts from Mercator" : "An alert from Mercator";
    }

    /** Every notice's fields as the templates read them; the link only if it is an absolute http(s) URL. */
    private static Map<String, @Nullable Object> model(Notice notice) {
        Map<String, @Nullable Object> model = new HashMap<>();
        model.put("type", notice.type());
        model.put("severity", notice.severity());
        model.put("subject", notice.subject());
        model.put("message", notice.message());
        model.put("occurredAt", WHEN.format(notice.occurredAt()));
        model.put("link", absolute(notice.link()));
        List<Map<String, String>> details = new ArrayList<>();
        new TreeMap<>(notice.details()).forEach((name, value) -> details.add(Map.of("name", name, "value", value)));
        model.put("details", details);
        return model;
    }

    /** The plain text sent when the templates fail: every notice, in code that cannot fail on a value. */
    static String plainText(OutgoingMessage message) {
        StringBuilder text = new StringBuilder(title(message)).append("\n");
        for (Notice notice : message.notices()) {
            text.append("\n")
                    .append(notice.severity())
                    .append(": ")
                    .append(notice.subject())
                    .append("\n")
                    .append(notice.message())
                    .append("\n")
                    .append(notice.type())
                    .append(" at ")
                    .append(WHEN.format(notice.occurredAt()))
                    .append("\n");
            new TreeMap<>(notice.details())
                    .forEach((name, value) -> text.append("  ")
                            .append(name)
                            .append(": ")
                            .append(value)
                            .append("\n"));
            String link = absolute(notice.link());
            if (link != null) {
                text.append("See it in Mercator: ").append(link).append("\n");
            }
        }
        String unsubscribe = message.transactional() ? null : absolute(message.unsubscribeLink());
        if (unsubscribe != null) {
            text.append("\nStop these alerts: ").append(unsubscribe).append("\n");
        }
        return text.toString();
    }

    static @Nullable String absolute(@Nullable String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(link.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null ? uri.toString() : null;
        } catch (java.net.URISyntaxException malformed) {
            return null;
        }
    }

    private static TemplateEngine engine(TemplateMode mode, String suffix) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("notifications/email/");
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
