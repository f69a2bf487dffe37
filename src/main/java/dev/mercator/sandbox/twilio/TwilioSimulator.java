package dev.mercator.sandbox.twilio;

import dev.mercator.sandbox.ConditionalOnSandbox;
import dev.mercator.sandbox.SimulatedProvider;
import dev.mercator.sandbox.catalog.FormBody;
import dev.mercator.sandbox.catalog.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/**
 * Twilio: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json} with a form body and HTTP Basic (Account SID
 * and auth token, or an API key and its secret), and {@code GET .../Messages/{Sid}.json}. Refusals in Twilio's shape {@code
 * {code,message,more_info,status}}: 20003 (401) bad credentials, 20429 (429) over the account's rate, 21604/21211 a
 * missing or non-E.164 {@code To}, 21603/21606/21701 no or a foreign sender, 21602/21617 an empty body or one over
 * 1600 characters, 21609 a bad {@code StatusCallback}, 21624 a {@code ValidityPeriod} outside 1–36000, 21610 a
 * recipient who replied STOP. Accepted: 201 with the message resource, status {@code queued}; then signed status
 * callbacks ({@link TwilioCallbackPoster}) as the number's fate says, and {@code failed} with 30036 when a stuck
 * message's validity period runs out. Driven through {@link TwilioSimControls}. Evidence:
 * docs/providers/twilio.md.
 */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/sandbox/" + TwilioSimulator.NAME, produces = MediaType.APPLICATION_JSON_VALUE)
class TwilioSimulator implements SimulatedProvider {

    static final String NAME = "twilio";

    static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final TwilioCallbackPoster poster;
    private final TwilioSimulatorSettings settings;
    private final TwilioAccounts accounts;
    private final SecureRandom random = new SecureRandom();

    TwilioSimulator(
            Clock clock, TwilioCallbackPoster poster, TwilioSimulatorSettings settings, TwilioAccounts accounts) {
        this.clock = clock;
        this.accounts = accounts;
        this.poster = poster;
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @PostMapping("/2010-04-01/Accounts/{accountSid}/Messages.json")
    ResponseEntity<String> create(
            @PathVariable String accountSid,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            @RequestParam MultiValueMap<String, String> query,
            @RequestBody(required = false) @Nullable String body) {
        SimulatedAccount account = authenticated(accountSid, authorization);
        if (account == null) {
            return error(HttpStatus.UNAUTHORIZED, 20003, "Authenticate");
        }
        account.requests.incrementAndGet();
        if (!account.bucket.tryConsume(1)) {
            account.throttled.incrementAndGet();
            return throttled(1);
        }
        Map<String, String> form = FormBody.parse(query, body).toSingleValueMap();
        String to = form.get("To");
        if (to == null || to.isBlank()) {
            return error(HttpStatus.BAD_REQUEST, 21604, "A 'To' phone number is required.");
        }
        if (!E164.matcher(to).matches()) {
            return error(HttpStatus.BAD_REQUEST, 21211, "Invalid 'To' Phone Number: " + to);
        }
        String from = form.get("From");
        String service = form.get("MessagingServiceSid");
        if ((from == null || from.isBlank()) && (service == null || service.isBlank())) {
            return error(HttpStatus.BAD_REQUEST, 21603, "A 'From' phone number is required.");
        }
        if (service != null && !service.isBlank() && !service.equals(account.messagingServiceSid)) {
            return error(HttpStatus.BAD_REQUEST, 21701, "The Messaging Service Sid " + service + " is invalid.");
        }
        if ((service == null || service.isBlank()) && !account.numbers.contains(from)) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    21606,
                    "The From phone number " + from + " is not a valid, SMS-capable inbound phone number or short code"
                            + " for your account.");
        }
        String text = form.get("Body");
        if (text == null || text.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, 21602, "Message body is required.");
        }
        if (text.length() > 1600) {
            return error(
                    HttpStatus.BAD_REQUEST, 21617, "The concatenated message body exceeds the 1600 character limit.");
        }
        String callback = form.get("StatusCallback");
        if (callback != null && !httpUrl(callback)) {
            return error(HttpStatus.BAD_REQUEST, 21609, "The StatusCallback URL " + callback + " is not a valid URL.");
        }
        long validity = 36_000;
        String period = form.get("ValidityPeriod");
        if (period != null) {
            try {
                validity = Long.parseLong(period.strip());
            } catch (NumberFormatException notANumber) {
                validity = -1;
            }
            if (validity < 1 || validity > 36_000) {
                return error(HttpStatus.BAD_REQUEST, 21624, "Invalid validity period value");
            }
        }
        if (account.optedOut.contains(to)) {
            return error(HttpStatus.BAD_REQUEST, 21610, "Attempt to send to unsubscribed recipient");
        }
        String sid = "SM" + hex(16);
        String sender =
                from == null || from.isBlank() ? account.numbers.iterator().next() : from;
        java.time.Instant now = clock.instant();
        SimulatedAccount.Message message =
                new SimulatedAccount.Message(sid, sender, to, text, RFC_2822.format(now), now, callback, service);
        account.messages.put(sid, message);
        account.accepted.incrementAndGet();
        deliver(account, message, Duration.ofSeconds(validity));
        return ResponseEntity.status(HttpStatus.CREATED).body(Json.write(resource(account, message)));
    }

    @GetMapping("/2010-04-01/Accounts/{accountSid}/Messages/{sid}.json")
    ResponseEntity<String> fetch(
            @PathVariable String accountSid,
            @PathVariable String sid,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
        SimulatedAccount account = authenticated(accountSid, authorization);
        if (account == null) {
            return error(HttpStatus.UNAUTHORIZED, 20003, "Authenticate");
        }
        SimulatedAccount.Message message = account.messages.get(sid);
        if (message == null) {
            return error(
                    HttpStatus.NOT_FOUND,
                    20404,
                    "The requested resource /2010-04-01/Accounts/" + accountSid + "/Messages/" + sid
                            + ".json was not found");
        }
        return ResponseEntity.ok(Json.write(resource(account, message)));
    }

    /** Moves the message through its number's fate, posting a status callback at each step. */
    private void deliver(SimulatedAccount account, SimulatedAccount.Message message, Duration validity) {
        SimulatedAccount.NumberFate fate = account.fateOf(message.to);
        Duration step = settings.callbackDelay();
        switch (fate.fate()) {
            case DELIVERED ->
                poster.later(step, () -> {
                    status(account, message, "sent", null);
                    poster.later(step, () -> status(account, message, "delivered", null));
                });
            case UNDELIVERED ->
                poster.later(step, () -> {
                    status(account, message, "sent", null);
                    poster.later(
                            step, () -> status(account, message, "undelivered", orDefault(fate.errorCode(), "30003")));
                });
            case FAILED ->
                poster.later(step, () -> status(account, message, "failed", orDefault(fate.errorCode(), "30008")));
            case STUCK -> poster.later(validity, () -> status(account, message, "failed", "30036"));
        }
    }

    private void status(
            SimulatedAccount account, SimulatedAccount.Message message, String status, @Nullable String errorCode) {
        message.status = status;
        message.errorCode = errorCode;
        if (message.statusCallback == null) {
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", account.sid);
        params.put("ApiVersion", "2010-04-01");
        params.put("From", message.from);
        params.put("MessageSid", message.sid);
        params.put("MessageStatus", status);
        params.put("SmsSid", message.sid);
        params.put("SmsStatus", status);
        params.put("To", message.to);
        if (message.messagingService != null) {
            params.put("MessagingServiceSid", message.messagingService);
        }
        if (errorCode != null) {
            params.put("ErrorCode", errorCode);
        }
        account.callbacks.incrementAndGet();
        poster.post(account.authToken, message.statusCallback, params);
    }

    ObjectNode resource(SimulatedAccount account, SimulatedAccount.Message message) {
        String uri = "/2010-04-01/Accounts/" + account.sid + "/Messages/" + message.sid;
        ObjectNode resource = Json.object();
        resource.put("account_sid", account.sid);
        resource.put("api_version", "2010-04-01");
        resource.put("body", message.body);
        resource.put("date_created", message.created);
        resource.put("date_updated", RFC_2822.format(clock.instant()));
        resource.putNull("date_sent");
        resource.put("direction", "outbound-api");
        if (message.errorCode == null) {
            resource.putNull("error_code");
        } else {
            resource.put("error_code", Integer.parseInt(message.errorCode));
        }
        resource.putNull("error_message");
        resource.put("from", message.from);
        if (message.messagingService == null) {
            resource.putNull("messaging_service_sid");
        } else {
            resource.put("messaging_service_sid", message.messagingService);
        }
        resource.put("num_media", "0");
        resource.put("num_segments", Integer.toString(segments(message.body)));
        resource.putNull("price");
        resource.put("price_unit", "USD");
        resource.put("sid", message.sid);
        resource.put("status", message.status);
        resource.putObject("subresource_uris").put("media", uri + "/Media.json");
        resource.put("to", message.to);
        resource.put("uri", uri + ".json");
        return resource;
    }

    /** GSM-7 text goes 160 characters to a segment (153 when concatenated), anything else 70 (67). */
    private static int segments(String body) {
        boolean gsm = body.chars().allMatch(c -> (c >= 0x20 && c < 0x7F) || c == '\n' || c == '\r');
        int single = gsm ? 160 : 70;
        int part = gsm ? 153 : 67;
        return body.length() <= single ? 1 : (body.length() + part - 1) / part;
    }

    private @Nullable SimulatedAccount authenticated(String accountSid, @Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        SimulatedAccount account = accounts.get(accountSid);
        if (account == null) {
            return null;
        }
        // Twilio takes the Account SID with its auth token, or one of the account's API keys with the key's secret.
        String user = decoded.substring(0, colon);
        String expected = user.equals(account.sid)
                ? account.authToken
                : user.equals(account.apiKeySid) ? account.apiKeySecret : null;
        boolean matches = expected != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8),
                        decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        return matches ? account : null;
    }

    static ResponseEntity<String> error(HttpStatus status, int code, String message) {
        ObjectNode body = Json.object()
                .put("code", code)
                .put("message", message)
                .put("more_info", "https://www.twilio.com/docs/errors/" + code)
                .put("status", status.value());
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Json.write(body));
    }

    @Override
    public ResponseEntity<String> throttled(long retryAfterSeconds) {
        ResponseEntity<String> refusal = error(HttpStatus.TOO_MANY_REQUESTS, 20429, "Too Many Requests");
        return ResponseEntity.status(refusal.getStatusCode())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfterSeconds)))
                .contentType(MediaType.APPLICATION_JSON)
                .body(refusal.getBody());
    }

    @Override
    public ResponseEntity<String> badRequest() {
        return error(HttpStatus.BAD_REQUEST, 21211, "Invalid 'To' Phone Number: +1555");
    }

    @Override
    public ResponseEntity<String> serverError(HttpStatus status) {
        return error(status, 20500, "An internal server error has occurred");
    }

    String hex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private static String orDefault(@Nullable String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    static boolean httpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
