package dev.mercator.marketplaces.aliexpress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.marketplaces.aliexpress.AliExpressSigner.SignMethod;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signer against the AliExpress open platform's documented vectors (app secret {@code helloworld}). */
class AliExpressSignerTests {

    private static final String SECRET = "helloworld";

    @Test
    void officialBusinessInterfaceVector() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("method", "aliexpress.logistics.redefining.getonlinelogisticsinfo");
        params.put("app_key", "123456");
        params.put("timestamp", "1517820392000");
        params.put("aliexpress_category_id", "200135143");
        params.put("sign_method", "sha256");
        params.put("access_token", "test");

        assertThat(AliExpressSigner.stringToSign("", params))
                .isEqualTo("access_tokentestaliexpress_category_id200135143app_key123456methodaliexpress.logistics"
                        + ".redefining.getonlinelogisticsinfosign_methodsha256timestamp1517820392000");
        assertThat(AliExpressSigner.sign(params, SECRET, SignMethod.SHA256))
                .isEqualTo("F7F7926B67316C9D1E8E15F7E66940ED3059B1638C497D77973F30046EFB5BBB");
    }

    @Test
    void officialSystemInterfaceVectorIsPrefixedWithThePath() {
        Map<String, String> params = Map.of(
                "app_key", "12345678",
                "code", "3_500102_JxZ05Ux3cnnSSUm6dCxYg6Q26",
                "sign_method", "sha256",
                "timestamp", "1517820392000");

        assertThat(AliExpressSigner.sign("/auth/token/create", params, SECRET, SignMethod.SHA256))
                .isEqualTo("35607762342831B6A417A0DED84B79C05FEFBF116969C48AD6DC00279A9F4D81");
    }

    @Test
    void officialSdkAffiliateVector() {
        Map<String, String> params = Map.of(
                "app_key", "12345678",
                "method", "aliexpress.affiliate.category.get",
                "sign_method", "sha256",
                "timestamp", "1517820392000");

        assertThat(AliExpressSigner.sign(params, SECRET, SignMethod.SHA256))
                .isEqualTo("F3ABBAB059750C3CD6D341A2FDA939ECB0FA892120E9196270ED67D6EC1511DD");
    }

    @Test
    void productQuerySha256AndMd5() {
        Map<String, String> params = productQuery("sha256");
        assertThat(AliExpressSigner.sign(params, SECRET, SignMethod.SHA256))
                .isEqualTo("A29FA37486A09FBED37CC9EC2E8E4B065062A4AF3CC920625746F93B5EF68EB9");

        Map<String, String> md5 = productQuery("md5");
        assertThat(AliExpressSigner.stringToSign("", md5))
                .isEqualTo("app_key12345678formatjsonkeywordsusb cablemethodaliexpress.affiliate.product.query"
                        + "page_no1page_size20sign_methodmd5target_currencyEURtarget_languageENtimestamp1517820392000"
                        + "tracking_idmercatorv2.0");
        assertThat(AliExpressSigner.sign(md5, SECRET, SignMethod.MD5)).isEqualTo("44A19BDFB8C0701D915C3BAA490BDE7F");
    }

    @Test
    void signIsNeverPartOfWhatIsSigned() {
        Map<String, String> params = new LinkedHashMap<>(productQuery("sha256"));
        String expected = AliExpressSigner.sign(params, SECRET, SignMethod.SHA256);
        params.put("sign", expected);
        assertThat(AliExpressSigner.sign(params, SECRET, SignMethod.SHA256)).isEqualTo(expected);
    }

    private static Map<String, String> productQuery(String signMethod) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("app_key", "12345678");
        params.put("format", "json");
        params.put("keywords", "usb cable");
        params.put("method", "aliexpress.affiliate.product.query");
        params.put("page_no", "1");
        params.put("page_size", "20");
        params.put("sign_method", signMethod);
        params.put("target_currency", "EUR");
        params.put("target_language", "EN");
        params.put("timestamp", "1517820392000");
        params.put("tracking_id", "mercator");
        params.put("v", "2.0");
        return params;
    }
}
