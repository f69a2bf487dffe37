package dev.mercator.sandbox.twilio;

import dev.mercator.sandbox.ConditionalOnSandbox;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The simulated Twilio's accounts, by Account SID. */
@Component
@ConditionalOnSandbox
class TwilioAccounts {

    private final Map<String, SimulatedAccount> bySid = new ConcurrentHashMap<>();

    @Nullable
    SimulatedAccount get(String accountSid) {
        return bySid.get(accountSid);
    }

    void add(SimulatedAccount account) {
        bySid.put(account.sid, account);
    }
}
