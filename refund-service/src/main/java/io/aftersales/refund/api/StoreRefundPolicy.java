package io.aftersales.refund.api;

/**
 * The store's refund settings in force when a refund is requested, passed in with it and kept on
 * the refund, so a later change of policy does not change a refund already under way.
 *
 * @param returnAddress            where returns go
 * @param supervisorApprovalAbove  a refund whose total is above this waits for a supervisor
 */
public record StoreRefundPolicy(ReturnAddress returnAddress, Money supervisorApprovalAbove) {
}
