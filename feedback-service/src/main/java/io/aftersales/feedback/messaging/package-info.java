/** Kafka in and out for quality feedback (质量反馈): integration events to commands, domain events to published events on aftersales.quality.v1. */
package io.aftersales.feedback.messaging;
