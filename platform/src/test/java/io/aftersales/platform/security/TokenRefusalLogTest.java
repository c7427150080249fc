package io.aftersales.platform.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class TokenRefusalLogTest {

    @Test
    void each_cause_is_logged_at_info_once_however_many_tokens_are_refused_for_it(CapturedOutput output) {
        TokenRefusalLog log = new TokenRefusalLog();

        for (int i = 0; i < 1000; i++) {
            log.refused(TokenRefusal.EXPIRED, new InvalidBearerTokenException("Jwt expired at 2026-01-01T00:00:0" + (i % 10) + "Z"));
        }
        log.refused(TokenRefusal.AUDIENCE_MISMATCH, new InvalidBearerTokenException("audience mismatch: The aud claim is not [aftersales]"));
        log.refused(TokenRefusal.AUDIENCE_MISMATCH, new InvalidBearerTokenException("audience mismatch: The aud claim is not [aftersales]"));

        assertThat(output.getOut().lines().filter(line -> line.contains("Bearer token refused: expired"))).hasSize(1);
        assertThat(output.getOut().lines().filter(line -> line.contains("Bearer token refused: audience mismatch"))).hasSize(1);
        assertThat(output.getOut()).contains("INFO").contains("The aud claim is not [aftersales]");
    }

    @Test
    void the_logged_detail_is_one_bounded_line_whatever_the_token_holds(CapturedOutput output) {
        String forged = "typ not accepted: the given typ value\nINFO forged line " + "x".repeat(5000);

        new TokenRefusalLog().refused(TokenRefusal.TYPE_NOT_ACCEPTED,
                new InvalidBearerTokenException("Failed to validate the token", new IllegalArgumentException(forged)));

        assertThat(output.getOut().lines().filter(line -> line.contains("forged line"))).singleElement()
                .satisfies(line -> assertThat(line).contains("Bearer token refused: typ not accepted").hasSizeLessThan(600));
    }
}
