package io.aftersales.refund.sandbox;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.Locale;

/**
 * A test hook, OFF unless configured (docs/testing.md, "Fault injection"): the process halts at one
 * step of the payout path, for the refunds of one store, the way {@code kill -9} would stop it there
 * ({@code Runtime.halt(137)}: no shutdown hooks, no Kafka flush, no graceful anything). The e2e test
 * {@code RefundExactlyOnceE2EIT} restarts refund-service with each step and checks that the refund is
 * still paid exactly once and published.
 *
 * <ul>
 * <li>{@link Step#BEFORE_ASKING}: the payout is about to be asked of the platform;</li>
 * <li>{@link Step#AFTER_ASKING_BEFORE_RECORDING}: the platform answered (it has paid), the refund has
 *     recorded nothing yet;</li>
 * <li>{@link Step#AFTER_RECORDING_BEFORE_PUBLISHING}: {@code PayoutRequested}/{@code RefundPaid} are
 *     committed to the event store (after the commit of the root unit of work, on the payout
 *     processor's thread), the relay has not published them yet.</li>
 * </ul>
 *
 * Properties: {@code aftersales.refunds.fault-injection.halt-at} (one of the steps; empty: off) and
 * {@code aftersales.refunds.fault-injection.store} (the store, or the refund id, it applies to; required
 * with {@code halt-at}, so that a misconfigured hook cannot halt every payout).
 */
public final class PayoutFaultInjection {

    /** The exit status of a process killed by SIGKILL, as the shell reports it. */
    public static final int HALT_STATUS = 137;

    public enum Step { BEFORE_ASKING, AFTER_ASKING_BEFORE_RECORDING, AFTER_RECORDING_BEFORE_PUBLISHING }

    private static final PayoutFaultInjection OFF = new PayoutFaultInjection(null, null);

    private final Step haltAt;
    private final String target;

    private PayoutFaultInjection(Step haltAt, String target) {
        this.haltAt = haltAt;
        this.target = target;
    }

    public static PayoutFaultInjection off() {
        return OFF;
    }

    /** From the two properties; blank {@code haltAt} is off. */
    public static PayoutFaultInjection of(String haltAt, String storeOrRefund) {
        if (haltAt == null || haltAt.isBlank()) {
            return OFF;
        }
        if (storeOrRefund == null || storeOrRefund.isBlank()) {
            throw new IllegalArgumentException("aftersales.refunds.fault-injection.halt-at needs "
                    + "aftersales.refunds.fault-injection.store (the store or refund id it applies to)");
        }
        return new PayoutFaultInjection(Step.valueOf(haltAt.strip().toUpperCase(Locale.ROOT)), storeOrRefund.strip());
    }

    public boolean enabled() {
        return haltAt != null;
    }

    /** Halts the process now if {@code step} is the configured one and the refund or its store matches. */
    public void reached(Step step, String refundId, String storeId) {
        if (step != haltAt || !(target.equals(refundId) || target.equals(storeId))) {
            return;
        }
        if (step == Step.AFTER_RECORDING_BEFORE_PUBLISHING && CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> halt(step, refundId));
        } else {
            halt(step, refundId);
        }
    }

    private static void halt(Step step, String refundId) {
        System.err.println("FAULT INJECTION: halting at " + step + " for refund " + refundId
                + " (aftersales.refunds.fault-injection.halt-at)");
        System.err.flush();
        Runtime.getRuntime().halt(HALT_STATUS);
    }
}
