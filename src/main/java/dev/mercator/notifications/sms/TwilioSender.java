package dev.mercator.notifications.sms;

import dev.mercator.notifications.channel.CallFailures;
import dev.mercator.notifications.channel.ChannelKind;
import dev.mercator.notifications.channel.ChannelSender;
import dev.mercator.notifications.channel.FieldProblem;
import dev.mercator.notifications.channel.OutgoingMessage;
import dev.mercator.notifications.channel.Pace;
import dev.mercator.notifications.channel.PacingSettings;
import dev.mercator.notifications.channel.RateHold;
import dev.mercator.notifications.channel.SendOutcome;
import dev.mercator.notifications.channel.Target;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.http.OutboundHttp;
import dev.mercator.platform.http.PublicUrl;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMS destinations through Twilio's Messages resource. Settings: {@code to} (stored in E.164), {@code from} (one of
 * the account's numbers, or a Messaging Service SID {@code MG…}), {@code accountSid} and optionally {@code
 * validityPeriod} in seconds; secret: {@code authToken}, the account's, which both authenticates the send and verifies
 * Twilio's callbacks (an API key could send but not verify them, so it is not offered).
 *
 * <p>At most once (ADR 21): an SMS costs money and a duplicate is spam, so a send whose outcome is unknown is not
 * repeated. A recipient who opted out is refused here, before Twilio is called; Twilio's own 21610 records one.
 */
@Component
class TwilioSender implements ChannelSender {

    static final String TO = "to";
    static final String FROM = "from";
    static final String ACCOUNT_SID = "accountSid";
    static final String VALIDITY_PERIOD = "validityPeriod";
    static final String AUTH_TOKEN = "authToken";
    static final String STATUS_PATH = "/webhook/twilio/status";

    static final Pattern ACCOUNT = Pattern.compile("AC[0-9a-f]{32}");
    private static final Pattern SERVICE = Pattern.compile("MG[0-9a-f]{32}");
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient client;
    private final TwilioSettings settings;
    private final PacingSettings pacing;
    private final SmsOptOuts optOuts;
    private final PublicUrl publicUrl;
    private final Clock clock;

    TwilioSender(
            OutboundHttp http,
            TwilioSettings settings,
            SmsOptOuts optOuts,
            PublicUrl publicUrl,
            PacingSettings pacing,
            Clock clock) {
        this.client = http.client(settings);
        this.pacing = pacing;
        this.settings = settings;
        this.optOuts = optOuts;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.SMS;
    }

    @Override
    public List<FieldProblem> validate(Map<String, String> settings, Map<String, String> secrets) {
        List<FieldProblem> problems = new ArrayList<>();
        if (PhoneNumbers.e164(settings.getOrDefault(TO, "")).isEmpty()) {
            problems.add(new FieldProblem(
                    "settings." + TO, "must be a valid phone number in international form, such as +14155552671"));
        }
        String from = settings.getOrDefault(FROM, "").strip();
        if (!SERVICE.matcher(from).matches() && PhoneNumbers.e164(from).isEmpty()) {
            problems.add(new FieldProblem(
                    "settings." + FROM,
                    "must be one of the account's numbers in E.164 or a Messaging Service SID (MG…)"));
        }
        if (!ACCOUNT.matcher(settings.getOrDefault(ACCOUNT_SID, "").strip()).matches()) {
            problems.add(
                    new FieldProblem("settings." + ACCOUNT_SID, "must be a Twilio Account SID, AC and 32 hex digits"));
        }
        String validity = settings.get(VALIDITY_PERIOD);
        if (validity != null && validitySeconds(validity) == null) {
            problems.add(new FieldProblem(
                    "settings." + VALIDITY_PERIOD,
                    "must be whole seconds from 1 to " + TwilioSettings.MAX_VALIDITY_SECONDS));
        }
        if (!TOKEN.matcher(secrets.getOrDefault(AUTH_TOKEN, "").strip()).matches()) {
            problems.add(new FieldProblem("secrets." + AUTH_TOKEN, "must be the account's auth token, 32 hex digits"));
        }
        return problems;
    }

    @Override
    public Map<String, String> normalise(Map<String, String> settings) {
        Map<String, String> normalised = new HashMap<>(settings);
        normalised.computeIfPresent(TO, (key, to) -> PhoneNumbers.e164(to).orElse(to));
        normalised.computeIfPresent(FROM, (key, from) -> PhoneNumbers.e164(from).orElse(from.strip()));
        normalised.computeIfPresent(ACCOUNT_SID, (key, sid) -> sid.strip());
        return Map.copyOf(normalised);
    }

    @Override
    public List<String> secretFields() {
        return List.of(AUTH_TOKEN);
    }

    /** The Twilio account's bucket, as a 20429's hold names it. */
    @Override
    public Optional<String> rateBucket(Target target) {
        String account = target.settings().getOrDefault(ACCOUNT_SID, "").strip();
        return account.isEmpty() ? Optional.empty() : Optional.of(bucketOf(account));
    }

    /** The account's combined sending rate: beyond it Twilio queues, and a queued alert can outlive its validity. */
    @Override
    public List<Pace> paces(Target target) {
        return rateBucket(target)
                .map(bucket -> List.of(Pace.of(bucket, pacing.twilioAccountPerSecond(), 1, pacing.margin())))
                .orElse(List.of());
    }

    /** The one place an account's bucket is named: the hold a 20429 returns and the bucket checked before a send. */
    private static String bucketOf(String accountSid) {
        return "twilio:account:" + accountSid;
    }

    @Override
    public SendOutcome send(Target target, OutgoingMessage message) {
        Optional<String> to = PhoneNumbers.e164(target.settings().getOrDefault(TO, ""));
        String from = target.settings().getOrDefault(FROM, "").strip();
        String account = target.settings().getOrDefault(ACCOUNT_SID, "").strip();
        String token = target.secrets().getOrDefault(AUTH_TOKEN, "").strip();
        if (to.isEmpty() || from.isEmpty() || !ACCOUNT.matcher(account).matches() || token.isEmpty()) {
            return new SendOutcome.Permanent("invalid_destination", "the stored SMS settings are incomplete", true);
        }
        String recipient = to.get();
        if (optOuts.optedOut(message.merchant(), recipient)) {
            return optedOut(recipient);
        }
        Long validity = validitySeconds(target.settings()
                .getOrDefault(
                        VALIDITY_PERIOD, Long.toString(settings.validityPeriod().toSeconds())));
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("To", recipient);
        form.add(SERVICE.matcher(from).matches() ? "MessagingServiceSid" : "From", from);
        form.add("Body", SmsBody.of(message));
        form.add("StatusCallback", publicUrl.resolve(STATUS_PATH + "?destination=" + target.destinationId()));
        form.add(
                "ValidityPeriod",
                Long.toString(validity == null ? settings.validityPeriod().toSeconds() : validity));
        try {
            return client.post()
                    .uri("/2010-04-01/Accounts/" + account + "/Messages.json")
                    .headers(headers -> headers.setBasicAuth(account, token, StandardCharsets.UTF_8))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form)
                    .exchange((request, response) -> classify(
                            message.merchant(),
                            recipient,
                            account,
                            response.getStatusCode().value(),
                            response.getHeaders(),
                            new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
        } catch (ResourceAccessException failed) {
            return CallFailures.classify(failed);
        }
    }

    SendOutcome classify(
            MerchantId merchant, String recipient, String account, int status, HttpHeaders headers, String body) {
        JsonNode answer = parse(body);
        if (status == 201 || status == 200) {
            JsonNode sid = answer == null ? null : answer.get("sid");
            if (sid == null || !sid.isString()) {
                return new SendOutcome.Unknown("HTTP " + status + " without a message SID");
            }
            return new SendOutcome.Accepted(sid.asString(), true, Optional.empty());
        }
        int code = answer == null ? 0 : answer.path("code").asInt(0);
        String reason = "Twilio answered " + status + (code == 0 ? "" : ", error " + code);
        if (code == 21610) {
            optOuts.optOut(merchant, recipient, "twilio_21610");
            return optedOut(recipient);
        }
        if (status == 429 || code == 20429) {
            Duration wait = retryAfter(headers);
            return new SendOutcome.Transient(
                    "rate_limited",
                    reason,
                    wait,
                    Optional.of(new RateHold(bucketOf(account), clock.instant().plus(wait))));
        }
        if (status >= 500) {
            return new SendOutcome.Transient("server_error", reason, null, Optional.empty());
        }
        if (status == 401 || status == 403 || status == 404) {
            // 20003 (authenticate) and 20404 (no such account): the stored credentials no longer work.
            return new SendOutcome.Permanent(
                    "destination_gone", reason + ": the account or its auth token is no longer valid", true);
        }
        return new SendOutcome.Permanent(code == 21211 || code == 21614 ? "invalid_number" : "rejected", reason, false);
    }

    private static SendOutcome optedOut(String recipient) {
        return new SendOutcome.Permanent(
                "opted_out",
                "the recipient " + PhoneNumbers.masked(recipient) + " replied STOP; no SMS until they reply START",
                false);
    }

    private static Duration retryAfter(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        try {
            return Duration.ofSeconds(value == null ? 1 : Math.max(1, Long.parseLong(value.strip())));
        } catch (NumberFormatException notSeconds) {
            return Duration.ofSeconds(1);
        }
    }

    private static @Nullable Long validitySeconds(String value) {
        try {
            long seconds = Long.parseLong(value.strip());
            return seconds >= 1 && seconds <= TwilioSettings.MAX_VALIDITY_SECONDS ? seconds : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static @Nullable JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    @Override
    public boolean retriesUnknownOutcome() {
        // At most once: an SMS is money and a duplicate is spam (ADR 21).
        return false;
    }
}
