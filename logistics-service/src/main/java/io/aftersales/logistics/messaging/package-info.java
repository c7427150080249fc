/** Kafka in and out for courier claims (快递理赔): integration events to commands, domain events to published events on aftersales.claims.v1. */
package io.aftersales.logistics.messaging;
