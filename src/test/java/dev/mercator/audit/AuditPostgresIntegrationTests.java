package dev.mercator.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercator.support.PostgresSuite;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

/** The audit suite against PostgreSQL, where a trigger also refuses any change to a record. */
@PostgresSuite
class AuditPostgresIntegrationTests extends AuditIntegrationTests {

    @Test
    void postgresRefusesAnUpdateOrDeleteOfARecord() {
        Tenant shop = newMerchant("Guarded");
        assertThat(shop.api().put("/api/inventory/SKU-G", Map.of("physical", 1)).status())
                .isEqualTo(200);
        org.awaitility.Awaitility.await()
                .until(() -> jdbc.sql("select count(*) from audit_records where merchant_id = cast(:m as uuid)")
                                .param("m", shop.id())
                                .query(Long.class)
                                .single()
                        == 2);

        assertThatThrownBy(
                        () -> jdbc.sql("update audit_records set action = 'x.y' where merchant_id = cast(:m as uuid)")
                                .param("m", shop.id())
                                .update())
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_records where merchant_id = cast(:m as uuid)")
                        .param("m", shop.id())
                        .update())
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("append-only");
        assertThat(shop.api().get("/api/audit/verify").json().get("ok").asBoolean())
                .isTrue();
    }
}
