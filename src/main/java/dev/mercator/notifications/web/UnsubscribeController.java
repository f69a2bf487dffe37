package dev.mercator.notifications.web;

import dev.mercator.notifications.destinations.UnsubscribeLinks;
import dev.mercator.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Clock;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The unsubscribe link in messages. POST is RFC 8058's one-click unsubscribe (what a mail client's button sends, with
 * no credentials: the signed token is the authority); GET only says what POST would do, because mail scanners follow
 * links and must not unsubscribe anyone. Not part of the OpenAPI description: it is the target of a link in messages,
 * not an API merchants program against, and the only open (credential-less) operation would be a standing exception
 * to "every operation declares its security".
 */
@Hidden
@RestController
class UnsubscribeController {

    private final UnsubscribeLinks links;
    private final Clock clock;

    UnsubscribeController(UnsubscribeLinks links, Clock clock) {
        this.links = links;
        this.clock = clock;
    }

    @PostMapping(UnsubscribeLinks.PATH + "{token}")
    ResponseEntity<String> unsubscribe(@PathVariable String token) {
        if (!links.unsubscribe(token, clock.instant())) {
            throw ApiProblem.notFound("This unsubscribe link is not valid");
        }
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_PLAIN)
                .body("Unsubscribed: Mercator sends nothing more to this destination.\n");
    }

    @GetMapping(UnsubscribeLinks.PATH + "{token}")
    ResponseEntity<String> describe() {
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_PLAIN)
                .body("POST to this address to stop Mercator's alerts to this destination.\n");
    }
}
