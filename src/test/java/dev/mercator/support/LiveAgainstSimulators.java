package dev.mercator.support;

import java.util.HashMap;
import java.util.Map;

/**
 * Environments for the tests that kill Mercator: the simulated Shopify and Amazon in a process of their own (a Mercator
 * that only hosts the sandbox), and the Mercator under test in live mode against them, exactly as it would talk to the
 * real APIs, so its death cannot take the outside world with it.
 */
public final class LiveAgainstSimulators {

    private LiveAgainstSimulators() {}

    /** The process that hosts only the simulators: its own in-memory database, no inventory workers. */
    public static Map<String, String> simulators() {
        Map<String, String> environment = new HashMap<>();
        environment.put("MERCATOR_ADMIN_TOKEN", IntegrationTest.ADMIN_TOKEN);
        environment.put("MERCATOR_ENCRYPTION_KEY", IntegrationTest.ENCRYPTION_KEY);
        environment.put(
                "MERCATOR_DB_URL", "jdbc:h2:mem:outside;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        environment.put("MERCATOR_INVENTORY_WORKERS_ENABLED", "false");
        environment.put("MERCATOR_SANDBOX_AMAZON_VISIBILITY_DELAY", "0s");
        environment.put("LOGGING_LEVEL_ORG_ZALANDO_LOGBOOK", "INFO");
        return environment;
    }

    /**
     * The Mercator under test on {@code database}, its sandbox off, Shopify and Amazon in live mode against the
     * simulators' process on {@code simulatorsPort}, its workers at test speed.
     */
    public static Map<String, String> mercator(Map<String, String> database, int simulatorsPort) {
        String sandbox = "http://localhost:" + simulatorsPort + "/sandbox";
        Map<String, String> environment = new HashMap<>(database);
        environment.put("MERCATOR_ADMIN_TOKEN", IntegrationTest.ADMIN_TOKEN);
        environment.put("MERCATOR_ENCRYPTION_KEY", IntegrationTest.ENCRYPTION_KEY);
        environment.put("MERCATOR_RATE_LIMIT_PER_IP", "100000000");
        environment.put("MERCATOR_RATE_LIMIT_PER_KEY", "100000000");
        environment.put("MERCATOR_SANDBOX_ENABLED", "false");
        environment.put("MERCATOR_SHOPIFY_MODE", "live");
        environment.put("MERCATOR_SHOPIFY_BASE_URL", sandbox + "/shopify/{shop}");
        environment.put("MERCATOR_AMAZON_MODE", "live");
        environment.put("MERCATOR_AMAZON_BASE_URL", sandbox + "/amazon");
        environment.put("MERCATOR_AMAZON_LWA_URL", sandbox + "/amazon/auth/o2/token");
        environment.put("MERCATOR_AMAZON_BURST", "4");
        environment.put("MERCATOR_INVENTORY_POLL_INTERVAL", "100ms");
        environment.put("MERCATOR_INVENTORY_VERIFY_DELAY", "500ms");
        environment.put("LOGGING_LEVEL_ORG_ZALANDO_LOGBOOK", "INFO");
        return environment;
    }

    /**
     * The notification providers of the Mercator under test in live mode against the simulators' process: its SMTP
     * server on {@code smtpPort} (no STARTTLS), Discord, Telegram and Twilio over HTTP, and webhook destinations
     * allowed on loopback (the receiver is a simulator on this machine).
     */
    public static Map<String, String> notificationProviders(int simulatorsPort, int smtpPort) {
        String sandbox = "http://localhost:" + simulatorsPort + "/sandbox";
        Map<String, String> environment = new HashMap<>();
        environment.put("MERCATOR_NOTIFICATIONS_WEBHOOK_MODE", "sandbox");
        environment.put("MERCATOR_NOTIFICATIONS_EMAIL_MODE", "live");
        environment.put("MERCATOR_NOTIFICATIONS_EMAIL_HOST", "127.0.0.1");
        environment.put("MERCATOR_NOTIFICATIONS_EMAIL_PORT", Integer.toString(smtpPort));
        environment.put("MERCATOR_NOTIFICATIONS_EMAIL_STARTTLS_REQUIRED", "false");
        environment.put("MERCATOR_DISCORD_MODE", "live");
        environment.put("MERCATOR_DISCORD_BASE_URL", sandbox + "/discord");
        environment.put("MERCATOR_TELEGRAM_MODE", "live");
        environment.put("MERCATOR_TELEGRAM_BASE_URL", sandbox + "/telegram");
        environment.put("MERCATOR_TWILIO_MODE", "live");
        environment.put("MERCATOR_TWILIO_BASE_URL", sandbox + "/twilio");
        return environment;
    }
}
