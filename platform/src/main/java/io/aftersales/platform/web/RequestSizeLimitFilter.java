package io.aftersales.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a declared body larger than the limit with 413 before anything reads it. A body sent
 * without a length is cut off by the codecs' in-memory limit, set to the same size, and answered
 * 413 by {@link ProblemDetailsAdvice}.
 */
public class RequestSizeLimitFilter implements WebFilter, Ordered {

    private final long maxBytes;
    private final ObjectMapper objectMapper;

    public RequestSizeLimitFilter(DataSize maxSize, ObjectMapper objectMapper) {
        this.maxBytes = maxSize.toBytes();
        this.objectMapper = objectMapper;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length <= maxBytes) {
            return chain.filter(exchange);
        }
        return ProblemWriter.write(exchange, ProblemDetailsAdvice.tooLarge(maxBytes), objectMapper);
    }

    @Override
    public int getOrder() {
        // before security: an oversized body is refused whoever sends it
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
