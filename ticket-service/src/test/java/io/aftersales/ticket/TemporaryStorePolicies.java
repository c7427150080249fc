package io.aftersales.ticket;

import io.aftersales.ticket.api.StorePolicies;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * TEMPORARY, for branch {@code web} only: the service's {@code StorePolicies} bean is added on
 * another branch. Delete this class (and its {@code @Import} in {@link TicketServiceIT}) when that
 * bean is merged, or the context has two.
 */
@TestConfiguration(proxyBeanMethods = false)
class TemporaryStorePolicies {

    @Bean
    StorePolicies storePolicies() {
        return StorePolicies.DEFAULTS;
    }
}
