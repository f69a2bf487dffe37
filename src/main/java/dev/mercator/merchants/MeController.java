package dev.mercator.merchants;

import dev.mercator.platform.security.CurrentMerchant;
import dev.mercator.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The calling merchant's own account. */
@RestController
@Tag(name = "Merchant")
class MeController {

    private final Merchants merchants;

    MeController(Merchants merchants) {
        this.merchants = merchants;
    }

    @Operation(operationId = "getCurrentMerchant", summary = "The merchant the API key belongs to")
    @GetMapping(path = "/api/me", produces = "application/json")
    Merchant me() {
        return merchants
                .find(CurrentMerchant.require())
                .orElseThrow(() -> ApiProblem.notFound("The merchant of this key no longer exists"));
    }
}
