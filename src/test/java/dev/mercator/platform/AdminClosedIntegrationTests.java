package dev.mercator.platform;

import static dev.mercator.platform.HttpEdgeIntegrationTests.assertProblem;

import dev.mercator.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Without a configured admin token (and outside the demo run) every admin endpoint is closed, whatever is sent. */
@TestPropertySource(properties = {"mercator.admin-token=", "mercator.demo.enabled=false"})
class AdminClosedIntegrationTests extends IntegrationTest {

    @Test
    void adminEndpointsAreClosed() {
        for (String path : new String[] {"/api/admin/merchants", "/health/detailed", "/actuator/metrics"}) {
            assertProblem(api.get(path), 403, "urn:mercator:problem:admin-disabled");
            assertProblem(api.asAdmin(ADMIN_TOKEN).get(path), 403, "urn:mercator:problem:admin-disabled");
            assertProblem(api.asAdmin("").get(path), 403, "urn:mercator:problem:admin-disabled");
        }
        assertProblem(
                api.post("/api/admin/merchants", "{\"name\":\"x\"}", "Authorization", "Bearer anything"),
                403,
                "urn:mercator:problem:admin-disabled");
    }
}
