package io.aftersales.refund.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersales.platform.web.Blocking;
import io.aftersales.platform.web.ProblemDetailsAdvice;
import io.aftersales.refund.api.ConfirmPayout;
import io.aftersales.refund.sandbox.SandboxSignature;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.time.Instant;

/**
 * The platform's payout notifications ({@code POST /api/v1/platform-notifications/payouts}, no
 * token): a body signed with the shared secret ({@code X-Sandbox-Signature}) confirms the payout of
 * refund {@code requestNo}: {@link ConfirmPayout}, idempotent (a second notification changes nothing).
 * A missing or wrong signature is 401 and changes nothing.
 */
@RestController
public class PayoutNotificationController {

    private final CommandGateway commandGateway;
    private final SandboxSignature signature;
    private final ObjectMapper json;

    public PayoutNotificationController(CommandGateway commandGateway, SandboxSignature signature, ObjectMapper json) {
        this.commandGateway = commandGateway;
        this.signature = signature;
        this.json = json;
    }

    @PostMapping("/api/v1/platform-notifications/payouts")
    @Operation(summary = "The platform paid a refund it answered PROCESSING for (signed, no token)")
    public Mono<ResponseEntity<Object>> payout(@RequestBody(required = false) byte[] body,
                                               @RequestHeader(name = "X-Sandbox-Signature", required = false) String signed) {
        return Blocking.call(() -> {
            byte[] bytes = body == null ? new byte[0] : body;
            if (!signature.verifies(bytes, signed)) {
                ProblemDetail problem = ProblemDetailsAdvice.problem(HttpStatus.UNAUTHORIZED, "Unauthorized",
                        "X-Sandbox-Signature does not sign this body");
                return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
            }
            JsonNode notification;
            try {
                notification = json.readTree(bytes);
            } catch (IOException e) {
                notification = null;
            }
            if (notification == null || !notification.hasNonNull("requestNo")) {
                return ResponseEntity.badRequest().body(ProblemDetailsAdvice.problem(HttpStatus.BAD_REQUEST,
                        "Bad Request", "A payout notification names its requestNo"));
            }
            if (!"PAID".equals(notification.path("status").asText())) {
                return ResponseEntity.noContent().build();
            }
            Instant paidAt = notification.hasNonNull("paidAt") ? Instant.parse(notification.get("paidAt").asText())
                    : Instant.now();
            commandGateway.sendAndWait(new ConfirmPayout(notification.get("requestNo").asText(),
                    notification.path("payoutId").asText(null), paidAt));
            return ResponseEntity.noContent().build();
        });
    }
}
