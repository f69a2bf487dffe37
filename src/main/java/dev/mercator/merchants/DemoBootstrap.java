package dev.mercator.merchants;

import dev.mercator.platform.security.AccessSettings;
import dev.mercator.platform.security.AdminAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The demo run (the default, with the sandbox providers): makes sure a demo merchant exists, gives it a fresh API key
 * and prints that key and the admin token so a newcomer can call the API straight away. Old demo keys are revoked, as
 * their secrets were only ever printed to an earlier console. Never active in the prod profile.
 */
@Component
class DemoBootstrap {

    private static final Logger log = LoggerFactory.getLogger(DemoBootstrap.class);
    static final String DEMO_MERCHANT = "Demo Merchant";
    private static final String DEMO_LABEL = "demo";

    private final AccessSettings settings;
    private final AdminAccess admin;
    private final Merchants merchants;
    private final ApiKeys keys;
    private final Environment environment;

    DemoBootstrap(
            AccessSettings settings, AdminAccess admin, Merchants merchants, ApiKeys keys, Environment environment) {
        this.settings = settings;
        this.admin = admin;
        this.merchants = merchants;
        this.keys = keys;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void printDemoCredentials() {
        if (!settings.demo().enabled()) {
            return;
        }
        Merchant demo = merchants.findByName(DEMO_MERCHANT).orElseGet(() -> {
            IssuedKey initial = merchants.create(DEMO_MERCHANT);
            keys.revoke(initial.merchant(), initial.keyId());
            return merchants.find(initial.merchant()).orElseThrow();
        });
        keys.revokeLabelled(demo.id(), DEMO_LABEL);
        IssuedKey key = keys.issue(demo.id(), DEMO_LABEL);
        // Printed on purpose, to the console only: this is the demo run's hand-over to the person who started it.
        System.out.println(banner(demo, key));
        log.info("Demo merchant {} ready (key id {})", demo.id(), key.keyId());
    }

    private String banner(Merchant demo, IssuedKey key) {
        String adminLine = admin.generatedToken()
                .map(token -> "  Admin token (this run): " + token)
                .orElse(admin.enabled() ? "  Admin token: as configured in MERCATOR_ADMIN_TOKEN" : "  Admin: closed");
        return """

                ==================== Mercator demo run ====================
                  Demo merchant: %s (%s)
                  API key:       %s
                %s
                  Try: curl -H 'X-Api-Key: %s' http://localhost:%s/api/me
                ============================================================
                """.formatted(
                        demo.name(),
                        demo.id(),
                        key.apiKey(),
                        adminLine,
                        key.apiKey(),
                        environment.getProperty("local.server.port", "8080"));
    }
}
