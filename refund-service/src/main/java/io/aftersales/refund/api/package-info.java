/** Commands, events and queries of refunds and returns (退款/退货), as immutable records. No Spring, Kafka or MongoDB here. */
package io.aftersales.refund.api;
