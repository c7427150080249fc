/** WebFlux endpoints under /api/v1 for refunds and returns (退款/退货). */
package io.aftersales.refund.web;
