/** Aggregates, command handlers, sagas and policies of quality feedback (质量反馈): the decisions. No Spring, Kafka or MongoDB here. */
package io.aftersales.feedback.command;
