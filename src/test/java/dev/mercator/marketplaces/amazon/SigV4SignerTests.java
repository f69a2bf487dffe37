package dev.mercator.marketplaces.amazon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The signer against the official AWS SigV4 test suite (awslabs/aws-c-auth {@code aws-signing-test-suite/v4} and the
 * 2015 {@code aws-sig-v4-test-suite}), and a PA-API SearchItems request cross-checked with botocore.
 */
class SigV4SignerTests {

    private static final String AKID = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant SUITE_TIME = Instant.parse("2015-08-30T12:36:00Z");
    private static final String EMPTY_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final SigV4Signer suite = new SigV4Signer(AKID, SECRET, "us-east-1", "service");

    @Test
    void signingKeyOfTheSuite() {
        assertThat(HexFormat.of().formatHex(suite.signingKey("20150830")))
                .isEqualTo("938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75");
    }

    @Test
    void getVanilla() {
        SigV4Signer.Signed signed =
                suite.sign(request("GET", "/", "", Map.of("Host", "example.amazonaws.com"), ""), SUITE_TIME);

        assertThat(signed.canonicalRequest())
                .isEqualTo("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                        + EMPTY_HASH);
        assertThat(signed.stringToSign())
                .isEqualTo("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                        + "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
        assertThat(signed.authorization())
                .isEqualTo("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, "
                        + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
        assertThat(signed.headers()).containsEntry("x-amz-date", "20150830T123600Z");
    }

    @Test
    void getVanillaQueryOrderKeyCase() {
        SigV4Signer.Signed signed = suite.sign(
                request("GET", "/", "Param2=value2&Param1=value1", Map.of("Host", "example.amazonaws.com"), ""),
                SUITE_TIME);

        assertThat(signed.canonicalRequest())
                .isEqualTo("GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\n"
                        + "x-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + EMPTY_HASH);
        assertThat(signed.stringToSign()).endsWith("816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0");
        assertThat(signed.signature()).isEqualTo("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
    }

    @Test
    void postVanilla() {
        SigV4Signer.Signed signed =
                suite.sign(request("POST", "/", "", Map.of("Host", "example.amazonaws.com"), ""), SUITE_TIME);

        assertThat(signed.stringToSign()).endsWith("553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87");
        assertThat(signed.signature()).isEqualTo("5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
    }

    @Test
    void postXWwwFormUrlencodedOriginalSuite() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("Host", "example.amazonaws.com");
        SigV4Signer.Signed signed = suite.sign(request("POST", "/", "", headers, "Param1=value1"), SUITE_TIME);

        assertThat(signed.canonicalRequest())
                .isEqualTo("POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\n"
                        + "x-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n"
                        + "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
        assertThat(signed.stringToSign()).endsWith("42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281");
        assertThat(signed.authorization())
                .isEqualTo("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                        + "SignedHeaders=content-type;host;x-amz-date, "
                        + "Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");
    }

    @Test
    void postXWwwFormUrlencodedAwsCAuthVariant() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("Host", "example.amazonaws.com");
        headers.put("Content-Length", "13");
        headers.put("x-amz-content-sha256", "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
        SigV4Signer.Signed signed = suite.sign(request("POST", "/", "", headers, "Param1=value1"), SUITE_TIME);

        assertThat(signed.stringToSign()).endsWith("b1edd1d03544c25390e32085d55b57acc9a3961bb59415ff86c45c3d89d16cfb");
        assertThat(signed.authorization())
                .isEqualTo("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                        + "SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date, "
                        + "Signature=d3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b");
    }

    @Test
    void postHeaderKeySort() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "example.amazonaws.com");
        headers.put("My-Header1", "value1");
        SigV4Signer.Signed signed = suite.sign(request("POST", "/", "", headers, ""), SUITE_TIME);

        assertThat(signed.signature()).isEqualTo("c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c");
    }

    @Test
    void getHeaderValueTrim() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "example.amazonaws.com");
        headers.put("My-Header1", " value1");
        headers.put("My-Header2", " \"a   b   c\"");
        SigV4Signer.Signed signed = suite.sign(request("GET", "/", "", headers, ""), SUITE_TIME);

        assertThat(signed.canonicalRequest()).contains("my-header1:value1\nmy-header2:\"a b c\"\n");
        assertThat(signed.signature()).isEqualTo("acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736");
    }

    @Test
    void paApiSearchItems() {
        SigV4Signer paapi = new SigV4Signer(AKID, SECRET, "us-east-1", "ProductAdvertisingAPI");
        String body = "{\"Keywords\":\"usb cable\",\"Marketplace\":\"www.amazon.com\",\"PartnerTag\":\"mercator-20\","
                + "\"PartnerType\":\"Associates\",\"Resources\":[\"ItemInfo.Title\",\"OffersV2.Listings.Price\"],"
                + "\"SearchIndex\":\"All\",\"ItemCount\":3}";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "webservices.amazon.com");
        headers.put("content-type", "application/json; charset=utf-8");
        headers.put("content-encoding", "amz-1.0");
        headers.put("x-amz-target", "com.amazon.paapi5.v1.ProductAdvertisingAPIv1.SearchItems");

        SigV4Signer.Signed signed = paapi.sign(
                request("POST", "/paapi5/searchitems", "", headers, body), Instant.parse("2026-01-15T10:15:00Z"));

        assertThat(body).hasSize(200);
        assertThat(signed.canonicalRequest())
                .endsWith("content-encoding;content-type;host;x-amz-date;x-amz-target\n"
                        + "73bbc9a95c9d6bcea1dcab067d8c6cf3a9eeff98bb787b6c103af0b72efd3041");
        assertThat(signed.stringToSign())
                .isEqualTo("AWS4-HMAC-SHA256\n20260115T101500Z\n20260115/us-east-1/ProductAdvertisingAPI/aws4_request\n"
                        + "1e533b2eafdcb92d77a2516feb41f5f027c6a40e55dd7af13c2fca7714323650");
        assertThat(HexFormat.of().formatHex(paapi.signingKey("20260115")))
                .isEqualTo("6bbb50e51312673d36292372e7dae8d696ab8cea55e506d883d1fe196d0de2e5");
        assertThat(signed.authorization())
                .isEqualTo(
                        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260115/us-east-1/ProductAdvertisingAPI/aws4_request, "
                                + "SignedHeaders=content-encoding;content-type;host;x-amz-date;x-amz-target, "
                                + "Signature=2e3af31340b448acf9f2f1b157103ee4311be4a255f9ff733184cf2f63152d3a");
    }

    @Test
    void canonicalQuerySortsByNameThenValueInByteOrder() {
        assertThat(SigV4Signer.canonicalQuery("b=2&a=1&A=0&a0=x&a=0")).isEqualTo("A=0&a=0&a=1&a0=x&b=2");
        assertThat(SigV4Signer.canonicalQuery("q=usb%20c&k=a+b")).isEqualTo("k=a%2Bb&q=usb%20c");
    }

    private static SigV4Signer.Request request(
            String method, String path, String query, Map<String, String> headers, String body) {
        return new SigV4Signer.Request(method, path, query, headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
