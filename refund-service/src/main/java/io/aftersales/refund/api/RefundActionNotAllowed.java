package io.aftersales.refund.api;

/** The caller may not take this action on this refund (an agent approving above the threshold): 403. */
public class RefundActionNotAllowed extends RuntimeException {

    public RefundActionNotAllowed(String message) {
        super(message);
    }
}
