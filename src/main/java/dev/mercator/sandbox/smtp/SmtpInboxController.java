package dev.mercator.sandbox.smtp;

import dev.mercator.sandbox.ConditionalOnSandbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The SMTP server's inbox and fault switches over HTTP: {@code GET /sandbox/smtp/messages?to=} lists what it accepted
 * (envelope, headers, text and HTML parts), {@code DELETE} empties it; {@code POST /sandbox/smtp/faults/recipient},
 * {@code /faults/messages} and {@code /faults/stall} arm a refusal or a stall, {@code DELETE /sandbox/smtp/faults}
 * disarms them all and releases the replies held back.
 */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/sandbox/smtp", produces = MediaType.APPLICATION_JSON_VALUE)
class SmtpInboxController {

    private final SmtpInbox inbox;
    private final SmtpFaults faults;
    private final SmtpSimulator server;

    SmtpInboxController(SmtpInbox inbox, SmtpFaults faults, SmtpSimulator server) {
        this.inbox = inbox;
        this.faults = faults;
        this.server = server;
    }

    record Inbox(int port, List<ReceivedMail> messages) {}

    @GetMapping("/messages")
    Inbox messages(@RequestParam(name = "to", required = false) @Nullable String to) {
        return new Inbox(server.port(), inbox.list(to));
    }

    @DeleteMapping("/messages")
    ResponseEntity<Void> clearMessages() {
        inbox.clear();
        return ResponseEntity.noContent().build();
    }

    /** A reply to {@code RCPT TO:<address>}: 452 (mailbox full, try later) or 550 (no such user), say. */
    record RecipientFault(
            String address, int code, @Nullable String text) {}

    /** A reply to the end of DATA for the next {@code count} messages: 451 (local error) or 554 (rejected), say. */
    record MessageFault(int count, int code, @Nullable String text) {}

    /** The next {@code count} messages are taken but their reply to DATA held back for {@code seconds}. */
    record StallFault(int count, double seconds) {}

    @PostMapping(path = "/faults/recipient", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> refuseRecipient(@RequestBody RecipientFault fault) {
        if (fault.address() == null || fault.address().isBlank() || !refusal(fault.code())) {
            return invalid("address and a 4xx or 5xx code are required");
        }
        faults.refuseRecipient(fault.address(), reply(fault.code(), fault.text()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/faults/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> refuseMessages(@RequestBody MessageFault fault) {
        if (fault.count() < 1 || !refusal(fault.code())) {
            return invalid("count of at least 1 and a 4xx or 5xx code are required");
        }
        faults.refuseNextMessages(fault.count(), reply(fault.code(), fault.text()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/faults/stall", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> stall(@RequestBody StallFault fault) {
        if (fault.count() < 1 || !(fault.seconds() > 0) || fault.seconds() > 600) {
            return invalid("count of at least 1 and seconds between 0 and 600 are required");
        }
        faults.stallNextMessages(fault.count(), Duration.ofMillis(Math.round(fault.seconds() * 1000)));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/faults")
    ResponseEntity<Void> clearFaults() {
        faults.clear();
        return ResponseEntity.noContent().build();
    }

    private static boolean refusal(int code) {
        return code >= 400 && code <= 599;
    }

    private static SmtpFaults.Reply reply(int code, @Nullable String text) {
        String fallback = code >= 500 ? "5.0.0 Rejected by the sandbox" : "4.0.0 Try again later (sandbox)";
        return new SmtpFaults.Reply(code, text == null || text.isBlank() ? fallback : text.strip());
    }

    private static ResponseEntity<Map<String, String>> invalid(String detail) {
        return ResponseEntity.badRequest().body(Map.of("error", detail));
    }
}
