/** Projections and read models of courier claims (快递理赔). */
package io.aftersales.logistics.query;
