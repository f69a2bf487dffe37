package dev.mercator.monitoring.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.Breadcrumb;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.protocol.Request;
import io.sentry.protocol.User;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SentryScrubbingTests {

    @Test
    void keepsTheErrorAndWhereItHappenedButNothingAboutWhoOrWithWhat() {
        SentryEvent event = new SentryEvent(new IllegalStateException("inventory sync failed"));
        Request request = new Request();
        request.setMethod("POST");
        request.setUrl("https://mercator.example/api/listings?token=abc");
        request.setQueryString("token=abc");
        request.setHeaders(Map.of("X-Api-Key", "mk_secret", "X-Admin-Token", "adm_secret", "Accept", "*/*"));
        request.setCookies("session=1");
        request.setData(Map.of("name", "Jane Doe"));
        event.setRequest(request);
        User user = new User();
        user.setEmail("jane@example.com");
        user.setIpAddress("203.0.113.7");
        event.setUser(user);
        event.setBreadcrumbs(List.of(Breadcrumb.info("merchant Jane Doe logged in")));

        SentryEvent sent = new SentryScrubbing().execute(event, new Hint());

        assertThat(sent.getThrowable()).hasMessage("inventory sync failed");
        assertThat(sent.getUser()).isNull();
        assertThat(sent.getBreadcrumbs()).isNullOrEmpty();
        Request kept = sent.getRequest();
        assertThat(kept.getMethod()).isEqualTo("POST");
        assertThat(kept.getUrl()).isEqualTo("https://mercator.example/api/listings");
        assertThat(kept.getQueryString()).isNull();
        assertThat(kept.getHeaders()).isNullOrEmpty();
        assertThat(kept.getCookies()).isNull();
        assertThat(kept.getData()).isNull();
    }
}
