package io.aftersales.ticket.api;

/** Each store's configured policy: compensation limits and timings. */
public interface StorePolicies {

    CompensationLimits compensation(String storeId);

    TicketTimings timings(String storeId);

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
