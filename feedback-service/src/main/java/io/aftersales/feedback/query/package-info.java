/** Projections and read models of quality feedback (质量反馈). */
package io.aftersales.feedback.query;
