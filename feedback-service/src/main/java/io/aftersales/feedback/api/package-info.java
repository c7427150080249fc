/** Commands, events and queries of quality feedback (质量反馈), as immutable records. No Spring, Kafka or MongoDB here. */
package io.aftersales.feedback.api;
