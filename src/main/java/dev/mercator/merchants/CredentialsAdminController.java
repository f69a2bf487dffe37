package dev.mercator.merchants;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator endpoint for key rotation (admin token required). */
@RestController
@RequestMapping(path = "/api/admin/credentials", produces = "application/json")
@Tag(name = "Admin: credentials")
class CredentialsAdminController {

    private final CredentialReencryption reencryption;

    CredentialsAdminController(CredentialReencryption reencryption) {
        this.reencryption = reencryption;
    }

    @Operation(
            operationId = "reencryptCredentials",
            summary = "Re-encrypt every stored credential that is not under the current key",
            description = "Run after making a new MERCATOR_ENCRYPTION_KEY current with the old one in"
                    + " MERCATOR_ENCRYPTION_PREVIOUS_KEYS; when it reports no failures the old key can be removed.")
    @PostMapping("/re-encrypt")
    CredentialReencryption.Report reencrypt() {
        return reencryption.reencryptAll();
    }
}
