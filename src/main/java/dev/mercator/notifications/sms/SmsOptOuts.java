package dev.mercator.notifications.sms;

import dev.mercator.platform.MerchantId;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Recipients who told a merchant's number to stop. Carriers and the TCPA make sending after STOP the sender's fault,
 * and Twilio answers 21610 anyway, so Mercator keeps its own list and checks it before every send: an opted-out
 * number is never even offered to Twilio.
 */
@Component
class SmsOptOuts {

    private final JdbcClient jdbc;
    private final Clock clock;

    SmsOptOuts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    boolean optedOut(MerchantId merchant, String e164) {
        return jdbc.sql("select count(*) from sms_opt_outs where merchant_id = ? and phone_number = ?")
                        .params(merchant.value(), e164)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Records the opt-out; a repeat keeps the first. */
    void optOut(MerchantId merchant, String e164, String source) {
        try {
            jdbc.sql("insert into sms_opt_outs (merchant_id, phone_number, opted_out_at, source) "
                            + "select ?, ?, ?, ? where not exists "
                            + "(select 1 from sms_opt_outs where merchant_id = ? and phone_number = ?)")
                    .params(
                            merchant.value(),
                            e164,
                            OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC),
                            source,
                            merchant.value(),
                            e164)
                    .update();
        } catch (DuplicateKeyException concurrent) {
            // Another callback recorded it first: the number is opted out either way.
        }
    }

    /** Lifts the opt-out (the recipient replied START); whether there was one. */
    boolean optIn(MerchantId merchant, String e164) {
        return jdbc.sql("delete from sms_opt_outs where merchant_id = ? and phone_number = ?")
                        .params(merchant.value(), e164)
                        .update()
                > 0;
    }
}
