/** WebFlux endpoints under /api/v1 for quality feedback (质量反馈). */
package io.aftersales.feedback.web;
