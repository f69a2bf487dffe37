package dev.mercator.marketplaces.amazon;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The version printed next to a Creators API credential, which decides how its token is minted and sent. 2.x
 * credentials are Amazon Cognito app clients: a form-encoded client-credentials grant with scope {@code
 * creatorsapi/default} at the Cognito domain of the credential's region, and {@code Authorization: Bearer <token>,
 * Version 2.x} on every call. 3.x credentials are Login with Amazon clients: the same grant as a JSON body with scope
 * {@code creatorsapi::default} at the LWA endpoint of the region, and a plain {@code Authorization: Bearer <token>}.
 * This is what Amazon's own Creators API SDKs do per version; the API host is the same for all.
 */
enum CreatorsCredentialVersion {
    V2_1("2.1", Flow.COGNITO, "https://creatorsapi.auth.us-east-1.amazoncognito.com/oauth2/token"),
    V2_2("2.2", Flow.COGNITO, "https://creatorsapi.auth.eu-south-2.amazoncognito.com/oauth2/token"),
    V2_3("2.3", Flow.COGNITO, "https://creatorsapi.auth.us-west-2.amazoncognito.com/oauth2/token"),
    V3_1("3.1", Flow.LWA, "https://api.amazon.com/auth/o2/token"),
    V3_2("3.2", Flow.LWA, "https://api.amazon.co.uk/auth/o2/token"),
    V3_3("3.3", Flow.LWA, "https://api.amazon.co.jp/auth/o2/token");

    /** How a family of versions authenticates. */
    enum Flow {
        /** Amazon Cognito (2.x). */
        COGNITO("creatorsapi/default", "/oauth2/token"),
        /** Login with Amazon (3.x). */
        LWA("creatorsapi::default", "/auth/o2/token");

        final String scope;
        /** The token path of the simulator, which serves both flows beside the API. */
        final String sandboxTokenPath;

        Flow(String scope, String sandboxTokenPath) {
            this.scope = scope;
            this.sandboxTokenPath = sandboxTokenPath;
        }
    }

    static final CreatorsCredentialVersion DEFAULT = V2_1;

    final String label;
    final Flow flow;
    /** The live token endpoint: NA, EU and FE each have their own. */
    final String tokenUrl;

    CreatorsCredentialVersion(String label, Flow flow, String tokenUrl) {
        this.label = label;
        this.flow = flow;
        this.tokenUrl = tokenUrl;
    }

    static Optional<CreatorsCredentialVersion> of(String label) {
        return Arrays.stream(values())
                .filter(version -> version.label.equals(label.strip()))
                .findFirst();
    }

    static String labels() {
        return Arrays.stream(values()).map(version -> version.label).collect(Collectors.joining(", "));
    }

    /** The API's {@code Authorization} header for a token of this version. */
    String authorization(String token) {
        return flow == Flow.COGNITO ? "Bearer " + token + ", Version " + label : "Bearer " + token;
    }
}
