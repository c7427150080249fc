/** WebFlux endpoints under /api/v1 for courier claims (快递理赔). */
package io.aftersales.logistics.web;
