/** Aggregates, command handlers, sagas and policies of refunds and returns (退款/退货): the decisions. No Spring, Kafka or MongoDB here. */
package io.aftersales.refund.command;
