package io.aftersales.feedback.messaging;

import io.aftersales.contracts.quality.v1.DefectCount;
import io.aftersales.feedback.api.DefectAddedToIncident;
import io.aftersales.feedback.api.ProductDelisted;
import io.aftersales.feedback.api.ProductRelisted;
import io.aftersales.feedback.api.ProductionAlertRaised;
import io.aftersales.feedback.api.DefectReport;
import io.aftersales.platform.messaging.OutgoingEvent;
import io.aftersales.platform.messaging.OutgoingEventTranslator;

import java.util.Optional;

/**
 * What feedback-service publishes on {@code aftersales.quality.v1}, keyed by product: the incident's
 * delisting, alert, added reports and relisting. Counted reports stay internal (they are ticket
 * events already published by ticket-service). What is published is bounded: the alert carries
 * counts and at most {@value io.aftersales.contracts.quality.v1.ProductionAlertRaised#MAX_TICKET_IDS}
 * ticket ids, however large the evidence kept in the event store.
 */
public class QualityEventTranslator implements OutgoingEventTranslator {

    @Override
    public Optional<OutgoingEvent> translate(Object domainEvent) {
        if (domainEvent instanceof ProductDelisted e) {
            return Optional.of(new OutgoingEvent(io.aftersales.contracts.quality.v1.ProductDelisted.TYPE, e.product(),
                    new io.aftersales.contracts.quality.v1.ProductDelisted(e.incidentId(), e.product(), e.batch(),
                            e.skus(), e.storeIds(), e.reason(), e.delistedBy(), e.delistedAt())));
        }
        if (domainEvent instanceof ProductionAlertRaised e) {
            return Optional.of(new OutgoingEvent(io.aftersales.contracts.quality.v1.ProductionAlertRaised.TYPE, e.product(),
                    new io.aftersales.contracts.quality.v1.ProductionAlertRaised(e.incidentId(), e.product(), e.batch(),
                            e.rule(), e.countsByDefectType().entrySet().stream()
                                    .map(count -> new DefectCount(count.getKey(), count.getValue())).toList(),
                            e.distinctBuyers(), e.firstReportedAt(), e.lastReportedAt(),
                            io.aftersales.contracts.quality.v1.ProductionAlertRaised.firstTicketIds(e.ticketIds()),
                            e.ticketIds().size(), e.raisedBy(), e.raisedAt())));
        }
        if (domainEvent instanceof DefectAddedToIncident e) {
            DefectReport report = e.report();
            return Optional.of(new OutgoingEvent(io.aftersales.contracts.quality.v1.DefectAddedToIncident.TYPE, e.product(),
                    new io.aftersales.contracts.quality.v1.DefectAddedToIncident(e.incidentId(), e.product(), e.batch(),
                            report.ticketId(), report.buyerId(), report.storeId(), report.sku(), report.defectType(),
                            report.reportedAt(), e.distinctBuyers(), e.reports(), e.addedBy(), e.addedAt())));
        }
        if (domainEvent instanceof ProductRelisted e) {
            return Optional.of(new OutgoingEvent(io.aftersales.contracts.quality.v1.ProductRelisted.TYPE, e.product(),
                    new io.aftersales.contracts.quality.v1.ProductRelisted(e.incidentId(), e.product(), e.batch(),
                            e.note(), e.relistedBy(), e.relistedAt())));
        }
        return Optional.empty();
    }
}
