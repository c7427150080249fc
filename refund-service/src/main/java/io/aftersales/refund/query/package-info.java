/** Projections and read models of refunds and returns (退款/退货). */
package io.aftersales.refund.query;
