/** Kafka in and out for refunds and returns (退款/退货): integration events to commands, domain events to published events on aftersales.refunds.v1. */
package io.aftersales.refund.messaging;
