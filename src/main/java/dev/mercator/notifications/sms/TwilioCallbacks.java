package dev.mercator.notifications.sms;

import dev.mercator.notifications.channel.ChannelKind;
import dev.mercator.notifications.channel.DeliveryReports;
import dev.mercator.notifications.channel.DestinationSecrets;
import dev.mercator.platform.http.PublicUrl;
import dev.mercator.platform.ratelimit.FailedSignatures;
import dev.mercator.platform.ratelimit.RateLimiter;
import dev.mercator.platform.ratelimit.SignedDeliveries;
import dev.mercator.platform.web.ApiProblem;
import dev.mercator.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Twilio's callbacks for SMS destinations: status callbacks ({@code /webhook/twilio/status}) move a delivery forward
 * in the ledger, inbound messages ({@code /webhook/twilio/inbound}, the URL a merchant sets on its Twilio number)
 * record STOP and START replies. Both URLs carry {@code ?destination=<id>}: the destination's auth token is the key
 * of Twilio's signature, which is checked against the exact public URL before anything is read or changed. An unknown
 * destination, a missing or a wrong signature all get the same 403, so a caller learns nothing about which exist.
 */
@RestController
@Tag(name = "Webhooks")
class TwilioCallbacks implements SignedDeliveries {

    static final String SIGNATURE = "X-Twilio-Signature";
    static final String INBOUND_PATH = "/webhook/twilio/inbound";

    private static final Logger log = LoggerFactory.getLogger(TwilioCallbacks.class);
    private static final Set<String> STOP =
            Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT");
    private static final Set<String> START = Set.of("START", "YES", "UNSTOP");
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private final ObjectProvider<DestinationSecrets> destinations;
    private final ObjectProvider<DeliveryReports> reports;
    private final SmsOptOuts optOuts;
    private final PublicUrl publicUrl;
    private final FailedSignatures failedSignatures;

    TwilioCallbacks(
            ObjectProvider<DestinationSecrets> destinations,
            ObjectProvider<DeliveryReports> reports,
            SmsOptOuts optOuts,
            PublicUrl publicUrl,
            FailedSignatures failedSignatures) {
        this.destinations = destinations;
        this.reports = reports;
        this.optOuts = optOuts;
        this.publicUrl = publicUrl;
        this.failedSignatures = failedSignatures;
    }

    /** Status callbacks carry Twilio's signature: limited per address only if the signature fails. */
    @Override
    public Endpoint endpoint() {
        return new Endpoint(
                "twilio",
                TwilioSender.STATUS_PATH,
                SIGNATURE,
                "Base64 HMAC-SHA1, keyed with the SMS destination's auth token, of the exact URL (with"
                        + " ?destination=) followed by the POST parameters sorted by name, each name then its value;"
                        + " an unknown destination and a wrong signature get the same 403",
                403);
    }

    @Operation(operationId = "receiveTwilioStatus", summary = "Twilio status callbacks for SMS deliveries")
    @ApiResponse(responseCode = "204", description = "Applied to the ledger, or ignored (an intermediate status)")
    @ApiResponse(responseCode = "403", description = "Unknown destination, missing or wrong signature: nothing changed")
    @Parameter(
            name = "destination",
            in = ParameterIn.QUERY,
            required = true,
            description = "The SMS destination that sent the message (its auth token keys the signature)",
            schema = @Schema(type = "string", format = "uuid"))
    @PostMapping(path = TwilioSender.STATUS_PATH)
    ResponseEntity<Void> status(HttpServletRequest request) {
        DeliveryReports ledger = reports.getIfUnique();
        if (ledger == null) {
            throw new ApiProblem(ProblemType.UNAVAILABLE, "The delivery ledger is not running");
        }
        Map<String, String> params = verified(request);
        String sid = params.getOrDefault("MessageSid", params.getOrDefault("SmsSid", ""));
        String status = params.getOrDefault("MessageStatus", params.getOrDefault("SmsStatus", ""))
                .toLowerCase(Locale.ROOT);
        DeliveryReports.@Nullable ReportedStatus reported = switch (status) {
            case "sent" -> DeliveryReports.ReportedStatus.SENT;
            case "delivered", "read" -> DeliveryReports.ReportedStatus.DELIVERED;
            case "undelivered", "failed", "canceled" -> DeliveryReports.ReportedStatus.FAILED;
            // queued, accepted, scheduled, sending: nothing the ledger does not know already.
            default -> null;
        };
        if (reported != null && !sid.isBlank()) {
            String errorCode = params.get("ErrorCode");
            String reason = reported == DeliveryReports.ReportedStatus.FAILED
                    ? "Twilio: " + status + (errorCode == null ? "" : " (error " + errorCode + ")")
                    : null;
            boolean moved = ledger.report(ChannelKind.SMS, sid, reported, errorCode, reason);
            log.debug("Twilio status {} for {}: {}", status, sid, moved ? "applied" : "ignored");
        }
        return ResponseEntity.noContent().build();
    }

    @Operation(
            operationId = "receiveTwilioInbound",
            summary = "Replies to a merchant's Twilio number: STOP and START keywords opt the sender out and in")
    @ApiResponse(responseCode = "200", description = "Recorded; an empty TwiML response (Twilio answers STOP itself)")
    @ApiResponse(responseCode = "403", description = "Unknown destination, missing or wrong signature: nothing changed")
    @Parameter(
            name = "destination",
            in = ParameterIn.QUERY,
            required = true,
            description = "The SMS destination whose Twilio number received the reply",
            schema = @Schema(type = "string", format = "uuid"))
    @PostMapping(path = INBOUND_PATH, produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<String> inbound(HttpServletRequest request) {
        DestinationSecrets.Owned destination = destination(request);
        Map<String, String> params = verified(request, destination);
        Optional<String> sender = PhoneNumbers.e164(params.getOrDefault("From", ""));
        String keyword = keyword(params);
        if (sender.isPresent() && STOP.contains(keyword)) {
            optOuts.optOut(destination.merchant(), sender.get(), "reply_stop");
            log.info(
                    "SMS recipient {} opted out of destination {}",
                    PhoneNumbers.masked(sender.get()),
                    destination.target().destinationId());
        } else if (sender.isPresent() && START.contains(keyword)) {
            optOuts.optIn(destination.merchant(), sender.get());
            log.info(
                    "SMS recipient {} opted back in to destination {}",
                    PhoneNumbers.masked(sender.get()),
                    destination.target().destinationId());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(EMPTY_TWIML);
    }

    /** Twilio's Advanced Opt-Out names the type; without it, the message's first word is the keyword. */
    private static String keyword(Map<String, String> params) {
        String type = params.get("OptOutType");
        if (type != null && !type.isBlank()) {
            return type.strip().toUpperCase(Locale.ROOT);
        }
        String body = params.getOrDefault("Body", "").strip();
        String first = body.isEmpty() ? "" : body.split("\\s+", 2)[0];
        return first.replaceAll("[^A-Za-z]", "").toUpperCase(Locale.ROOT);
    }

    private Map<String, String> verified(HttpServletRequest request) {
        return verified(request, destination(request));
    }

    private Map<String, String> verified(HttpServletRequest request, DestinationSecrets.Owned destination) {
        String token = destination.target().secrets().getOrDefault(TwilioSender.AUTH_TOKEN, "");
        Map<String, String> params = postParameters(request);
        if (token.isEmpty()
                || !TwilioSignature.valid(token, signedUrl(request), params, request.getHeader(SIGNATURE))) {
            throw refused(request);
        }
        return params;
    }

    private DestinationSecrets.Owned destination(HttpServletRequest request) {
        DestinationSecrets store = destinations.getIfUnique();
        if (store == null) {
            throw new ApiProblem(ProblemType.UNAVAILABLE, "The destinations store is not running");
        }
        UUID id;
        try {
            String value = request.getParameter("destination");
            id = UUID.fromString(value == null ? "" : value);
        } catch (IllegalArgumentException notAnId) {
            throw refused(request);
        }
        return store.find(id)
                .filter(found -> found.target().kind() == ChannelKind.SMS)
                .orElseThrow(() -> refused(request));
    }

    private ApiProblem refused(HttpServletRequest request) {
        RateLimiter.Verdict verdict = request.getHeader(SIGNATURE) == null ? null : failedSignatures.count(request);
        if (verdict != null && !verdict.allowed()) {
            return new ApiProblem(
                            ProblemType.RATE_LIMITED,
                            "Rate limit exceeded; retry after " + verdict.retryAfterSeconds() + " s")
                    .with("retryAfterSeconds", verdict.retryAfterSeconds());
        }
        return new ApiProblem(ProblemType.FORBIDDEN, "Invalid Twilio signature");
    }

    /** The URL Twilio called, as Mercator published it: the public base, the path, and the query exactly as sent. */
    private String signedUrl(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String query = request.getQueryString();
        return publicUrl.resolve(path + (query == null ? "" : "?" + query));
    }

    /**
     * The form parameters of the body only: the servlet merges the query's parameters in (first), and Twilio signs
     * those as part of the URL, not again as parameters.
     */
    private static Map<String, String> postParameters(HttpServletRequest request) {
        String query = request.getQueryString();
        MultiValueMap<String, String> inQuery = query == null
                ? new org.springframework.util.LinkedMultiValueMap<>()
                : UriComponentsBuilder.fromUriString("?" + query).build().getQueryParams();
        Map<String, String> params = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            int fromQuery = inQuery.containsKey(name) ? inQuery.get(name).size() : 0;
            String[] own = Arrays.copyOfRange(values, Math.min(fromQuery, values.length), values.length);
            if (own.length > 0) {
                params.put(name, own[0]);
            }
        });
        return params;
    }
}
