package dev.mercator.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Replaces Boot's error page: errors raised by the servlet container itself (outside Spring MVC) still reach the client
 * as problem details, never as HTML or a stack trace.
 */
@Controller
class ProblemErrorController implements ErrorController {

    private final ProblemResponses problems;

    ProblemErrorController(ProblemResponses problems) {
        this.problems = problems;
    }

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        // A bare sendError(400) says nothing about validation, which is what forStatus(400) would claim.
        ProblemType type = status == 400 ? ProblemType.BAD_REQUEST : ProblemType.forStatus(status);
        String detail =
                status >= 500 ? "An unexpected error occurred; quote the requestId when reporting it" : type.title();
        problems.write(
                request,
                response,
                ProblemResponses.problem(type, org.springframework.http.HttpStatusCode.valueOf(status), detail));
    }
}
