package io.aftersales.feedback.command;

import io.aftersales.feedback.api.CountDefectReport;
import io.aftersales.feedback.api.ReportOutcome;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

import java.util.List;

/**
 * Product batches behind a real (in-memory) command bus and event store, for tests that send reports
 * to several product batches, addressed by their ids, and read what each one decided.
 */
final class ProductBatches implements AutoCloseable {

    private final Configuration axon;

    ProductBatches(DefectRules rules) {
        axon = DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(ProductBatch.class)
                .registerComponent(DefectRules.class, c -> rules)
                .buildConfiguration();
        axon.start();
    }

    ReportOutcome report(CountDefectReport report) {
        return axon.commandGateway().sendAndWait(report);
    }

    /** Sends the reports one after the other to one product batch; its events afterwards. */
    List<Object> reportAll(List<CountDefectReport> reports) {
        reports.forEach(this::report);
        return events(reports.get(0).productBatchId());
    }

    List<Object> events(String productBatchId) {
        return axon.eventStore().readEvents(productBatchId).asStream().map(EventMessage::getPayload)
                .map(Object.class::cast).toList();
    }

    @Override
    public void close() {
        axon.shutdown();
    }
}
