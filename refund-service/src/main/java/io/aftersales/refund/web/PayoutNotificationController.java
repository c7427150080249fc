package io.aftersales.refund.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersales.platform.web.Blocking;
import io.aftersales.platform.web.ProblemDetailsAdvice;
import io.aftersales.refund.api.ConfirmPayout;
import io.aftersales.refund.api.RecordPaidByPlatform;
import io.aftersales.refund.sandbox.SandboxSignature;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * A notification with {@code "decidedBy": "PLATFORM"} says the platform decided by itself (the
 * seller's deadline passed, lifecycle.md §5): {@link RecordPaidByPlatform}, with its raw
 * {@code platformStatus}. A missing or wrong signature is 401 and changes nothing. A signed
 * notification for a refund this service does not know is 202 and logged: answering 404 would make
 * the platform retry it for an hour, and no retry will make the refund known.
 */
@RestController
public class PayoutNotificationController {

    private static final Logger LOG = LoggerFactory.getLogger(PayoutNotificationController.class);

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
            String refundId = notification.get("requestNo").asText();
            String payoutId = notification.path("payoutId").asText(null);
            Object command = "PLATFORM".equals(notification.path("decidedBy").asText())
                    ? new RecordPaidByPlatform(refundId, notification.path("platformStatus").asText(null), payoutId,
                    paidAt)
                    : new ConfirmPayout(refundId, payoutId, paidAt);
            try {
                commandGateway.sendAndWait(command);
            } catch (RuntimeException e) {
                if (!unknownRefund(e)) {
                    throw e;
                }
                LOG.warn("Payout notification for refund {} (payout {}), which this service does not know: accepted"
                        + " and ignored, so the platform stops retrying it", refundId, payoutId);
                return ResponseEntity.accepted().build();
            }
            return ResponseEntity.noContent().build();
        });
    }

    private static boolean unknownRefund(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof AggregateNotFoundException) {
                return true;
            }
        }
        return false;
    }
}
