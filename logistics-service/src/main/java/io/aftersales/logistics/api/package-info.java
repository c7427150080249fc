/** Commands, events and queries of courier claims (快递理赔), as immutable records. No Spring, Kafka or MongoDB here. */
package io.aftersales.logistics.api;
