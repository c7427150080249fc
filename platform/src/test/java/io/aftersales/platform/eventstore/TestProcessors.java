package io.aftersales.platform.eventstore;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;

/** A real single-threaded tracking processor over the store under test, as the services run one. */
final class TestProcessors {

    private TestProcessors() {
    }

    static TrackingEventProcessor tracking(String name, StreamableMessageSource<TrackedEventMessage<?>> source,
                                           EventMessageHandler handler) {
        return TrackingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handler).build())
                .messageSource(source)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing())
                .build();
    }
}
