package io.aftersales.ticket.api;

import java.time.Duration;
import java.util.Optional;

/** Each store's configured policy: compensation limits, timings and service levels. */
public interface StorePolicies {

    CompensationLimits compensation(String storeId);

    TicketTimings timings(String storeId);

    /** The store's service-level promises and business hours. */
    default SlaPolicy sla(String storeId) {
        return SlaPolicy.defaults();
    }

    /** The store's night-shift handover: when the evening shift ends and when its list must be cleared. */
    default HandoverPolicy handover(String storeId) {
        return HandoverPolicy.defaults();
    }

    /** The stores configured one by one ({@code stores.<id>}); every other store is on the defaults. */
    default java.util.Set<String> configuredStores() {
        return java.util.Set.of();
    }

    /** How long a platform gives the seller to answer a request, from intake; empty: no default deadline. */
    default Optional<Duration> platformResponse(Platform platform) {
        return Optional.empty();
    }

    /** Every store on the defaults of domain.md. */
    StorePolicies DEFAULTS = new StorePolicies() {
        @Override
        public CompensationLimits compensation(String storeId) {
            return CompensationLimits.defaults();
        }

        @Override
        public TicketTimings timings(String storeId) {
            return TicketTimings.defaults();
        }
    };
}
