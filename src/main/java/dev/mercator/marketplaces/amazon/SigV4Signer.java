package dev.mercator.marketplaces.amazon;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4, header variant, single chunk: canonical request, string to sign, the date-scoped signing key
 * and the {@code Authorization} header. Every header handed in is signed, plus the {@code x-amz-date} the signer adds.
 * Sorting is by byte order of the lower-cased names and encoded query pairs, never by a locale collator.
 */
final class SigV4Signer {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final String accessKey;
    private final String secretKey;
    private final String region;
    private final String service;

    SigV4Signer(String accessKey, String secretKey, String region, String service) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
        this.service = service;
    }

    /**
     * A request to sign.
     *
     * @param path the absolute path, not yet encoded
     * @param query the raw query string without {@code ?}, empty if none
     * @param headers header names as sent (any case) to their values; all are signed
     * @param body the exact bytes that will be sent
     */
    // Never compared or hashed: it carries the exact bytes to sign from the caller to the signer.
    @SuppressWarnings("ArrayRecordComponent")
    record Request(String method, String path, String query, Map<String, String> headers, byte[] body) {}

    /** The signature and what led to it; {@link #headers()} are the headers to add to the request. */
    record Signed(
            String canonicalRequest, String stringToSign, String signature, String authorization, String amzDate) {

        Map<String, String> headers() {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("x-amz-date", amzDate);
            headers.put("Authorization", authorization);
            return headers;
        }
    }

    Signed sign(Request request, Instant at) {
        String amzDate = AMZ_DATE.format(at);
        String date = amzDate.substring(0, 8);
        Map<String, String> canonicalHeaders = new TreeMap<>();
        request.headers()
                .forEach((name, value) -> canonicalHeaders.merge(
                        name.toLowerCase(Locale.ROOT), normalise(value), (first, second) -> first + "," + second));
        canonicalHeaders.put("x-amz-date", amzDate);
        String signedHeaders = String.join(";", canonicalHeaders.keySet());
        String canonicalRequest = String.join(
                "\n",
                request.method().toUpperCase(Locale.ROOT),
                canonicalUri(request.path()),
                canonicalQuery(request.query()),
                canonicalHeaders.entrySet().stream()
                        .map(header -> header.getKey() + ":" + header.getValue() + "\n")
                        .collect(Collectors.joining()),
                signedHeaders,
                HEX.formatHex(sha256(request.body())));
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = String.join(
                "\n",
                ALGORITHM,
                amzDate,
                scope,
                HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        String signature = HEX.formatHex(hmac(signingKey(date), stringToSign));
        String authorization = ALGORITHM + " Credential=" + accessKey + "/" + scope + ", SignedHeaders=" + signedHeaders
                + ", Signature=" + signature;
        return new Signed(canonicalRequest, stringToSign, signature, authorization, amzDate);
    }

    /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
    byte[] signingKey(String date) {
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, "aws4_request");
    }

    static String canonicalUri(String path) {
        if (path.isEmpty()) {
            return "/";
        }
        String[] segments = path.split("/", -1);
        List<String> encoded = new ArrayList<>(segments.length);
        for (String segment : segments) {
            encoded.add(encode(segment));
        }
        return String.join("/", encoded);
    }

    static String canonicalQuery(String query) {
        if (query.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(new String[] {encode(decode(name)), encode(decode(value))});
        }
        pairs.sort(Comparator.<String[], String>comparing(pair -> pair[0]).thenComparing(pair -> pair[1]));
        return pairs.stream().map(pair -> pair[0] + "=" + pair[1]).collect(Collectors.joining("&"));
    }

    /** RFC 3986 encoding: unreserved characters stay, everything else is %XX (upper case) of its UTF-8 bytes. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return out.toString();
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String normalise(String value) {
        return value.strip().replaceAll(" +", " ");
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
