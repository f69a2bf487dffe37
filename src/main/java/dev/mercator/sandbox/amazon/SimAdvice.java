package dev.mercator.sandbox.amazon;

import dev.mercator.sandbox.ConditionalOnSandbox;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers refusals and unreadable bodies in Amazon's error shape rather than Mercator's problem+json. */
@RestControllerAdvice(basePackageClasses = SimAdvice.class)
@ConditionalOnSandbox
@Order(Ordered.HIGHEST_PRECEDENCE)
class SimAdvice {

    @ExceptionHandler(SpApiResponses.Refusal.class)
    ResponseEntity<Object> refusal(SpApiResponses.Refusal refusal) {
        return refusal.response();
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException unreadable) {
        return SpApiResponses.error(
                org.springframework.http.HttpStatus.BAD_REQUEST,
                "ValidationException",
                "BAD_REQUEST",
                "Invalid input",
                "The request body is not valid JSON.");
    }

    @ExceptionHandler(ListingPatches.Malformed.class)
    ResponseEntity<Object> malformed(ListingPatches.Malformed malformed) {
        return SpApiResponses.error(
                org.springframework.http.HttpStatus.BAD_REQUEST,
                "ValidationException",
                "BAD_REQUEST",
                "Invalid input",
                String.valueOf(malformed.getMessage()));
    }
}
