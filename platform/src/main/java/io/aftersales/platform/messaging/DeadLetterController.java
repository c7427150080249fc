package io.aftersales.platform.messaging;

import io.aftersales.platform.web.Blocking;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * The service's dead-letter topics for operators (role ADMIN): how many records wait in each, and
 * the re-drive that publishes them back to their topic ({@link DeadLetters}). Not store-scoped: a
 * dead letter is a message of the pipeline, not a case of one store, so only ADMIN sees them.
 */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
@PreAuthorize("hasRole('ADMIN')")
public class DeadLetterController {

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    public record DeadLetterTopic(String topic, long pending) {
    }

    public record Redrive(String topic, int redriven) {
    }

    /** Each dead-letter topic with the number of records not re-driven yet, measured now. */
    @GetMapping
    @ApiResponse(responseCode = "200", description = "Every dead-letter topic of this service and how many records wait in it")
    public Mono<List<DeadLetterTopic>> topics() {
        return Blocking.call(() -> {
            deadLetters.refresh();
            return deadLetters.depths().entrySet().stream()
                    .map(entry -> new DeadLetterTopic(entry.getKey(), entry.getValue())).toList();
        });
    }

    /** Publishes the topic's dead letters back to their original topic, with their CloudEvents ids. 404 for another topic. */
    @PostMapping("/{topic}/redrive")
    @ApiResponses({
            @ApiResponse(responseCode = "200", description = "The topic's waiting dead letters were published back"),
            @ApiResponse(responseCode = "404", description = "Not a dead-letter topic of this service",
                    content = @Content(mediaType = "application/problem+json"))})
    public Mono<Redrive> redrive(@PathVariable String topic) {
        if (!deadLetters.topics().contains(topic)) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "Not a dead-letter topic of this service"));
        }
        return Blocking.call(() -> new Redrive(topic, deadLetters.redrive(topic)));
    }
}
