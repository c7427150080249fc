package io.aftersales.logistics.messaging;

import io.aftersales.contracts.IntegrationEvent;
import io.aftersales.logistics.api.ClaimAccepted;
import io.aftersales.logistics.api.ClaimCompensated;
import io.aftersales.logistics.api.ClaimFiled;
import io.aftersales.logistics.api.ClaimOpened;
import io.aftersales.logistics.api.ClaimRejected;
import io.aftersales.logistics.api.ClaimWrittenOff;
import io.aftersales.logistics.api.Money;
import io.aftersales.logistics.api.ReshipmentOrdered;
import io.aftersales.logistics.api.ReshipmentShipped;
import io.aftersales.logistics.api.WrongShipmentRegistered;
import io.aftersales.platform.messaging.OutgoingEvent;
import io.aftersales.platform.messaging.OutgoingEventTranslator;

import java.util.Optional;

/**
 * What logistics-service publishes on {@code aftersales.claims.v1}, always keyed by the claim id. Internal, never
 * published: a reshipment linked to an agreed resolution, the weigh check, the address decision and an escalation
 * (see docs/services/logistics-service.md). A claim opened from a ticket that names no courier or tracking number
 * publishes {@value #UNKNOWN} for them: the contract requires both.
 */
public class ClaimEventTranslator implements OutgoingEventTranslator {

    static final String UNKNOWN = "UNKNOWN";

    @Override
    public Optional<OutgoingEvent> translate(Object domainEvent) {
        if (domainEvent instanceof ClaimOpened e) {
            return published(io.aftersales.contracts.claims.v1.ClaimOpened.TYPE,
                    new io.aftersales.contracts.claims.v1.ClaimOpened(e.claimId(), e.ticketId(), e.storeId(),
                            e.kind().name(), orUnknown(e.courier()), orUnknown(e.trackingNumber()), e.openedAt()));
        }
        if (domainEvent instanceof ReshipmentOrdered e) {
            return published(io.aftersales.contracts.claims.v1.ReshipmentOrdered.TYPE,
                    new io.aftersales.contracts.claims.v1.ReshipmentOrdered(e.claimId(), e.ticketId(),
                            e.resolutionNumber(), e.storeId(), e.orderId(), e.sku(), e.quantity(), e.reason().name(),
                            e.stock().name(), e.orderedAt()));
        }
        if (domainEvent instanceof ReshipmentShipped e) {
            return published(io.aftersales.contracts.claims.v1.ReshipmentShipped.TYPE,
                    new io.aftersales.contracts.claims.v1.ReshipmentShipped(e.claimId(), e.ticketId(),
                            e.resolutionNumber(), e.storeId(), e.sku(), e.courier(), e.trackingNumber(), e.shippedAt()));
        }
        if (domainEvent instanceof ClaimFiled e) {
            return published(io.aftersales.contracts.claims.v1.ClaimFiled.TYPE,
                    new io.aftersales.contracts.claims.v1.ClaimFiled(e.claimId(), e.ticketId(), e.storeId(), e.sku(),
                            e.courier(), e.claimNumber(), money(e.amountClaimed()), e.filedAt()));
        }
        if (domainEvent instanceof ClaimAccepted e) {
            return published(io.aftersales.contracts.claims.v1.ClaimAccepted.TYPE,
                    new io.aftersales.contracts.claims.v1.ClaimAccepted(e.claimId(), e.ticketId(), e.storeId(),
                            e.courier(), e.claimNumber(), money(e.amountAccepted()), e.acceptedAt()));
        }
        if (domainEvent instanceof ClaimRejected e) {
            return published(io.aftersales.contracts.claims.v1.ClaimRejected.TYPE,
                    new io.aftersales.contracts.claims.v1.ClaimRejected(e.claimId(), e.ticketId(), e.storeId(),
                            e.courier(), e.claimNumber(), e.reason(), e.rejectedAt()));
        }
        if (domainEvent instanceof ClaimCompensated e) {
            return published(io.aftersales.contracts.claims.v1.ClaimCompensated.TYPE,
                    new io.aftersales.contracts.claims.v1.ClaimCompensated(e.claimId(), e.ticketId(), e.storeId(),
                            e.courier(), e.claimNumber(), money(e.amountReceived()), e.compensatedAt()));
        }
        if (domainEvent instanceof ClaimWrittenOff e) {
            return published(io.aftersales.contracts.claims.v1.ClaimWrittenOff.TYPE,
                    new io.aftersales.contracts.claims.v1.ClaimWrittenOff(e.claimId(), e.ticketId(), e.storeId(),
                            e.courier(), e.claimNumber(), money(e.amountWrittenOff()), e.reason(), e.writtenOffAt()));
        }
        if (domainEvent instanceof WrongShipmentRegistered e) {
            return published(io.aftersales.contracts.claims.v1.WrongShipmentRegistered.TYPE,
                    new io.aftersales.contracts.claims.v1.WrongShipmentRegistered(e.claimId(), e.ticketId(),
                            e.storeId(), e.orderId(), e.skuExpected(), e.skuSent(), e.quantity(), e.warehouse(),
                            e.registeredAt()));
        }
        return Optional.empty();
    }

    private static Optional<OutgoingEvent> published(String type, IntegrationEvent contract) {
        return Optional.of(new OutgoingEvent(type, contract.subject(), contract));
    }

    private static io.aftersales.contracts.Money money(Money money) {
        return new io.aftersales.contracts.Money(money.amount().toPlainString(), money.currency());
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value;
    }
}
