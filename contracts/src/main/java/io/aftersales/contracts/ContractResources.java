package io.aftersales.contracts;

import io.aftersales.contracts.claims.v1.ClaimOpened;
import io.aftersales.contracts.claims.v1.ReshipmentShipped;
import io.aftersales.contracts.claims.v1.ReshipmentOrdered;
import io.aftersales.contracts.claims.v1.ClaimFiled;
import io.aftersales.contracts.claims.v1.ClaimAccepted;
import io.aftersales.contracts.claims.v1.ClaimRejected;
import io.aftersales.contracts.claims.v1.ClaimCompensated;
import io.aftersales.contracts.claims.v1.ClaimWrittenOff;
import io.aftersales.contracts.claims.v1.WrongShipmentRegistered;
import io.aftersales.contracts.quality.v1.DefectAddedToIncident;
import io.aftersales.contracts.quality.v1.ProductDelisted;
import io.aftersales.contracts.quality.v1.ProductRelisted;
import io.aftersales.contracts.quality.v1.ProductionAlertRaised;
import io.aftersales.contracts.refunds.v1.GoodsReceived;
import io.aftersales.contracts.refunds.v1.RefundPaid;
import io.aftersales.contracts.refunds.v1.RefundRequested;
import io.aftersales.contracts.refunds.v1.RefundAgreed;
import io.aftersales.contracts.refunds.v1.RefundRefused;
import io.aftersales.contracts.refunds.v1.RefundCancelled;
import io.aftersales.contracts.refunds.v1.ReturnShipped;
import io.aftersales.contracts.refunds.v1.QualityCheckPassed;
import io.aftersales.contracts.refunds.v1.QualityCheckFailed;
import io.aftersales.contracts.refunds.v1.RefundApproved;
import io.aftersales.contracts.refunds.v1.RefundClosed;
import io.aftersales.contracts.tickets.v1.DefectReported;
import io.aftersales.contracts.tickets.v1.ResolutionAgreed;
import io.aftersales.contracts.tickets.v1.ResolutionApproved;
import io.aftersales.contracts.tickets.v1.ResolutionProposed;
import io.aftersales.contracts.tickets.v1.ResolutionRejected;
import io.aftersales.contracts.tickets.v1.SatisfactionRecorded;
import io.aftersales.contracts.tickets.v1.TicketAssigned;
import io.aftersales.contracts.tickets.v1.TicketCancelled;
import io.aftersales.contracts.tickets.v1.TicketClosed;
import io.aftersales.contracts.tickets.v1.SlaBreached;
import io.aftersales.contracts.tickets.v1.SlaWarning;
import io.aftersales.contracts.tickets.v1.TicketEscalated;
import io.aftersales.contracts.tickets.v1.TicketOpened;
import io.aftersales.contracts.tickets.v1.TicketReopened;
import io.aftersales.contracts.tickets.v1.TicketReplied;
import io.aftersales.contracts.tickets.v1.TicketResolved;
import io.aftersales.contracts.tickets.v1.TransactionExtensionRequested;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The published contract as classpath resources, for tests in other modules: the JSON Schema
 * ({@code schemas/<ce_type>.json}) and a valid sample payload ({@code samples/<ce_type>.json}) of
 * every published event, and the mapping from CloudEvents type to record class.
 *
 * <p>A consumer test feeds {@link #sample(String)} to its consumer, exactly as the producer would
 * publish it; a producer test validates what it publishes against {@link #schema(String)}.
 */
public final class ContractResources {

    /** The AsyncAPI document describing topics, headers and messages. */
    public static final String ASYNCAPI_RESOURCE = "asyncapi.yaml";

    private static final Pattern CE_TYPE = Pattern.compile("aftersales\\.[a-z][a-z-]*\\.[a-z][a-z-]*\\.v[0-9]+");

    private static final Map<String, Class<? extends IntegrationEvent>> KNOWN_TYPES;

    static {
        Map<String, Class<? extends IntegrationEvent>> types = new LinkedHashMap<>();
        types.put(TicketOpened.TYPE, TicketOpened.class);
        types.put(DefectReported.TYPE, DefectReported.class);
        types.put(TicketAssigned.TYPE, TicketAssigned.class);
        types.put(TicketReplied.TYPE, TicketReplied.class);
        types.put(TicketEscalated.TYPE, TicketEscalated.class);
        types.put(ResolutionProposed.TYPE, ResolutionProposed.class);
        types.put(ResolutionApproved.TYPE, ResolutionApproved.class);
        types.put(ResolutionRejected.TYPE, ResolutionRejected.class);
        types.put(ResolutionAgreed.TYPE, ResolutionAgreed.class);
        types.put(TransactionExtensionRequested.TYPE, TransactionExtensionRequested.class);
        types.put(TicketResolved.TYPE, TicketResolved.class);
        types.put(TicketClosed.TYPE, TicketClosed.class);
        types.put(SatisfactionRecorded.TYPE, SatisfactionRecorded.class);
        types.put(TicketReopened.TYPE, TicketReopened.class);
        types.put(TicketCancelled.TYPE, TicketCancelled.class);
        types.put(SlaWarning.TYPE, SlaWarning.class);
        types.put(SlaBreached.TYPE, SlaBreached.class);
        types.put(ProductDelisted.TYPE, ProductDelisted.class);
        types.put(ProductionAlertRaised.TYPE, ProductionAlertRaised.class);
        types.put(DefectAddedToIncident.TYPE, DefectAddedToIncident.class);
        types.put(ProductRelisted.TYPE, ProductRelisted.class);
        types.put(RefundRequested.TYPE, RefundRequested.class);
        types.put(RefundAgreed.TYPE, RefundAgreed.class);
        types.put(RefundRefused.TYPE, RefundRefused.class);
        types.put(RefundCancelled.TYPE, RefundCancelled.class);
        types.put(ReturnShipped.TYPE, ReturnShipped.class);
        types.put(GoodsReceived.TYPE, GoodsReceived.class);
        types.put(QualityCheckPassed.TYPE, QualityCheckPassed.class);
        types.put(QualityCheckFailed.TYPE, QualityCheckFailed.class);
        types.put(RefundApproved.TYPE, RefundApproved.class);
        types.put(RefundPaid.TYPE, RefundPaid.class);
        types.put(RefundClosed.TYPE, RefundClosed.class);
        types.put(ClaimOpened.TYPE, ClaimOpened.class);
        types.put(ReshipmentShipped.TYPE, ReshipmentShipped.class);
        types.put(ReshipmentOrdered.TYPE, ReshipmentOrdered.class);
        types.put(ClaimFiled.TYPE, ClaimFiled.class);
        types.put(ClaimAccepted.TYPE, ClaimAccepted.class);
        types.put(ClaimRejected.TYPE, ClaimRejected.class);
        types.put(ClaimCompensated.TYPE, ClaimCompensated.class);
        types.put(ClaimWrittenOff.TYPE, ClaimWrittenOff.class);
        types.put(WrongShipmentRegistered.TYPE, WrongShipmentRegistered.class);
        KNOWN_TYPES = Collections.unmodifiableMap(types);
    }

    private ContractResources() {
    }

    /** The JSON Schema (draft 2020-12) of the event with this CloudEvents type, as JSON text. */
    public static String schema(String ceType) {
        return read("schemas/" + checked(ceType) + ".json", ceType);
    }

    /** A realistic payload of the event with this CloudEvents type, valid per its schema, as JSON text. */
    public static String sample(String ceType) {
        return read("samples/" + checked(ceType) + ".json", ceType);
    }

    /** Every published CloudEvents type mapped to its record class, in a stable order; unmodifiable. */
    public static Map<String, Class<? extends IntegrationEvent>> knownTypes() {
        return KNOWN_TYPES;
    }

    private static String checked(String ceType) {
        if (ceType == null || !CE_TYPE.matcher(ceType).matches()) {
            throw new IllegalArgumentException("Not a CloudEvents type of this platform: " + ceType);
        }
        return ceType;
    }

    private static String read(String resource, String ceType) {
        ClassLoader loader = ContractResources.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No contract resource " + resource + " for type " + ceType);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read contract resource " + resource, e);
        }
    }
}
