package io.aftersales.contracts;

/**
 * An event published on a public topic. {@link #subject()} is the aggregate the event is about
 * (CloudEvents {@code subject}); the CloudEvents {@code type} is the record's {@code TYPE} constant.
 */
public interface IntegrationEvent {

    String subject();
}
