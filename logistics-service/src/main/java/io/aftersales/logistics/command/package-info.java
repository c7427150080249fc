/** Aggregates, command handlers, sagas and policies of courier claims (快递理赔): the decisions. No Spring, Kafka or MongoDB here. */
package io.aftersales.logistics.command;
