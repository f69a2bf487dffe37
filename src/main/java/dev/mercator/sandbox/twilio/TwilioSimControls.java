package dev.mercator.sandbox.twilio;

import dev.mercator.sandbox.ConditionalOnSandbox;
import dev.mercator.sandbox.catalog.Json;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drives the simulated Twilio from outside, as its customer and the handsets would: open an account, decide what
 * becomes of messages to a number, reply from a handset (STOP, START), and read back what the account sent.
 * Sandbox-only and unauthenticated, like every simulator route.
 */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/sandbox/" + TwilioSimulator.NAME + "/sim", produces = MediaType.APPLICATION_JSON_VALUE)
class TwilioSimControls {

    private static final Set<String> STOP =
            Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT");
    private static final Set<String> START = Set.of("START", "YES", "UNSTOP");

    private final TwilioAccounts accounts;
    private final TwilioSimulator simulator;
    private final TwilioCallbackPoster poster;
    private final Clock clock;

    TwilioSimControls(TwilioAccounts accounts, TwilioSimulator simulator, TwilioCallbackPoster poster, Clock clock) {
        this.accounts = accounts;
        this.simulator = simulator;
        this.poster = poster;
        this.clock = clock;
    }

    /**
     * An account to open.
     *
     * @param phoneNumbers the numbers it owns (default {@code +15005550006}, Twilio's test sender)
     * @param inboundUrl where replies to its numbers are posted (the number's "A message comes in" webhook)
     * @param messagesPerSecond its API rate before 20429
     */
    record NewAccount(
            java.util.@Nullable List<String> phoneNumbers,
            @Nullable String inboundUrl,
            @Nullable Double messagesPerSecond,
            @Nullable Integer burst) {}

    @PostMapping("/accounts")
    ResponseEntity<String> open(@RequestBody NewAccount request) {
        Set<String> numbers =
                request.phoneNumbers() == null || request.phoneNumbers().isEmpty()
                        ? Set.of("+15005550006")
                        : Set.copyOf(request.phoneNumbers());
        if (numbers.stream().anyMatch(n -> !TwilioSimulator.E164.matcher(n).matches())
                || (request.inboundUrl() != null && !TwilioSimulator.httpUrl(request.inboundUrl()))) {
            return TwilioSimulator.error(
                    HttpStatus.BAD_REQUEST, 21211, "phoneNumbers must be E.164 and inboundUrl an http(s) URL");
        }
        double rate = request.messagesPerSecond() == null ? 100 : Math.max(0.001, request.messagesPerSecond());
        int burst = request.burst() == null ? (int) Math.max(1, rate) : Math.max(1, request.burst());
        SimulatedAccount account = new SimulatedAccount(
                "AC" + simulator.hex(16),
                simulator.hex(16),
                "MG" + simulator.hex(16),
                "SK" + simulator.hex(16),
                simulator.hex(16),
                numbers,
                request.inboundUrl(),
                rate,
                burst,
                clock);
        accounts.add(account);
        ObjectNode created = Json.object()
                .put("accountSid", account.sid)
                .put("authToken", account.authToken)
                .put("messagingServiceSid", account.messagingServiceSid)
                .put("apiKeySid", account.apiKeySid)
                .put("apiKeySecret", account.apiKeySecret);
        numbers.forEach(created.putArray("phoneNumbers")::add);
        return ResponseEntity.status(HttpStatus.CREATED).body(Json.write(created));
    }

    /** What becomes of messages to one number from now on. */
    record NumberFateRequest(
            String number, String fate, @Nullable String errorCode) {}

    @PostMapping("/accounts/{accountSid}/fates")
    ResponseEntity<String> fate(@PathVariable String accountSid, @RequestBody NumberFateRequest request) {
        SimulatedAccount account = accounts.get(accountSid);
        if (account == null) {
            return ResponseEntity.notFound().build();
        }
        SimulatedAccount.Fate fate;
        try {
            fate = SimulatedAccount.Fate.valueOf(request.fate().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return TwilioSimulator.error(
                    HttpStatus.BAD_REQUEST, 21211, "fate must be delivered, undelivered, failed or stuck");
        }
        account.fates.put(request.number(), new SimulatedAccount.NumberFate(fate, request.errorCode()));
        return ResponseEntity.noContent().build();
    }

    /**
     * A reply from a handset to one of the account's numbers. STOP-type keywords opt the sender out of this account's
     * messages (21610 from then on) and START-type ones back in, as Twilio's default opt-out handling does; then the
     * message is posted, signed, to the account's inbound URL. Answers the status that URL answered.
     */
    record Reply(String from, String to, String body) {}

    @PostMapping("/accounts/{accountSid}/replies")
    ResponseEntity<String> reply(@PathVariable String accountSid, @RequestBody Reply reply) {
        SimulatedAccount account = accounts.get(accountSid);
        if (account == null) {
            return ResponseEntity.notFound().build();
        }
        String keyword = reply.body().strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        String optOutType = null;
        if (STOP.contains(keyword)) {
            account.optedOut.add(reply.from());
            optOutType = "STOP";
        } else if (START.contains(keyword)) {
            account.optedOut.remove(reply.from());
            optOutType = "START";
        } else if (keyword.equals("HELP") || keyword.equals("INFO")) {
            optOutType = "HELP";
        }
        int answered = 0;
        if (account.inboundUrl != null) {
            Map<String, String> params = new LinkedHashMap<>();
            String sid = "SM" + simulator.hex(16);
            params.put("AccountSid", account.sid);
            params.put("ApiVersion", "2010-04-01");
            params.put("Body", reply.body());
            params.put("From", reply.from());
            params.put("MessageSid", sid);
            params.put("NumMedia", "0");
            params.put("NumSegments", "1");
            params.put("SmsMessageSid", sid);
            params.put("SmsSid", sid);
            params.put("SmsStatus", "received");
            params.put("To", reply.to());
            if (optOutType != null) {
                params.put("OptOutType", optOutType);
            }
            answered = poster.post(account.authToken, account.inboundUrl, params);
        }
        return ResponseEntity.ok(Json.write(Json.object()
                .put("optedOut", account.optedOut.contains(reply.from()))
                .put("inboundStatus", answered)));
    }

    @GetMapping("/accounts/{accountSid}")
    ResponseEntity<String> account(@PathVariable String accountSid) {
        SimulatedAccount account = accounts.get(accountSid);
        if (account == null) {
            return ResponseEntity.notFound().build();
        }
        ObjectNode view = Json.object()
                .put("requests", account.requests.get())
                .put("accepted", account.accepted.get())
                .put("throttled", account.throttled.get())
                .put("callbacks", account.callbacks.get());
        var messages = view.putArray("messages");
        // received_at is the simulator's own (millisecond) record of arrival, beside Twilio's resource.
        account.messages
                .values()
                .forEach(message -> messages.add(
                        simulator.resource(account, message).put("received_at", message.receivedAt.toString())));
        return ResponseEntity.ok(Json.write(view));
    }
}
