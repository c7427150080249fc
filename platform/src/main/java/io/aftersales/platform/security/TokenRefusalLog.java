package io.aftersales.platform.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the operator why tokens are refused: at INFO the first time each {@link TokenRefusal} cause
 * occurs, at DEBUG after that, so that a flood of bad tokens cannot flood the log (the causes are a
 * fixed few, whatever the tokens hold).
 */
final class TokenRefusalLog {

    private static final Logger log = LoggerFactory.getLogger(TokenRefusalLog.class);
    private static final int MAX_DETAIL = 300;

    private final Set<TokenRefusal> reported = ConcurrentHashMap.newKeySet();

    void refused(TokenRefusal cause, AuthenticationException exception) {
        if (reported.add(cause)) {
            log.info("Bearer token refused: {} ({}); further refusals for this cause are logged at DEBUG only",
                    cause.phrase(), detail(cause, exception));
        } else if (log.isDebugEnabled()) {
            log.debug("Bearer token refused: {} ({})", cause.phrase(), detail(cause, exception));
        }
    }

    /**
     * The messages along the exception's causes, each once, without the cause's phrase (already said),
     * on one line and bounded: they may quote token content.
     */
    private static String detail(TokenRefusal cause, Throwable exception) {
        StringBuilder detail = new StringBuilder();
        for (Throwable t = exception; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message == null || detail.indexOf(message) >= 0) {
                continue;
            }
            if (message.startsWith(cause.phrase() + ": ")) {
                message = message.substring(cause.phrase().length() + 2);
            }
            detail.append(detail.length() == 0 ? "" : ": ").append(message);
        }
        String line = detail.toString().replaceAll("\\p{Cntrl}", " ");
        return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "...";
    }
}
