package dev.mercator.platform.security;

import dev.mercator.platform.web.ProblemResponses;
import dev.mercator.platform.web.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Answers a request that Spring Security's {@code StrictHttpFirewall} refuses (a {@code ;} or {@code //} in the path,
 * an encoded {@code .}, a non-printable character in a header) with the {@code request-rejected} problem, written
 * directly. The default handler's {@code sendError(400)} goes through the error dispatch, where the same offending
 * header can be read again and the client is left with an empty 400.
 */
@Component
class FirewallRejections implements RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(FirewallRejections.class);

    private final ProblemResponses problems;

    FirewallRejections(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        // The firewall's message quotes the offending input: fine for a debug log, never for the response.
        log.debug("Request rejected by the firewall: {}", rejected.getMessage());
        problems.write(
                request,
                response,
                ProblemType.REQUEST_REJECTED,
                "The request path or a header contains something this API never accepts (such as ';', '//', an"
                        + " encoded '.', '/' or '%', or a non-printable character)");
    }
}
