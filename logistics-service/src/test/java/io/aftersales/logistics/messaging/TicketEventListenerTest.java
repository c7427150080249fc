package io.aftersales.logistics.messaging;

import io.aftersales.logistics.api.ClaimKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The documented mapping from a ticket's category (and defect type) to the claim kind. */
class TicketEventListenerTest {

    @Test
    void logistics_tickets_are_lost_parcels_and_damaged_packages_are_damaged_unless_the_defect_type_names_a_kind() {
        assertThat(TicketEventListener.kindOf("LOGISTICS", null)).contains(ClaimKind.LOST);
        assertThat(TicketEventListener.kindOf("DAMAGED_PACKAGE", null)).contains(ClaimKind.DAMAGED);
        assertThat(TicketEventListener.kindOf("LOGISTICS", "DELAYED")).contains(ClaimKind.DELAYED);
        assertThat(TicketEventListener.kindOf("LOGISTICS", "ADDRESS_UNREACHABLE")).contains(ClaimKind.ADDRESS_UNREACHABLE);
        assertThat(TicketEventListener.kindOf("LOGISTICS", "COLOUR_FADING")).contains(ClaimKind.LOST);
    }

    @Test
    void other_categories_open_no_claim_wrong_item_included() {
        assertThat(TicketEventListener.kindOf("QUALITY", "COLOUR_FADING")).isEmpty();
        assertThat(TicketEventListener.kindOf("WRONG_ITEM", null)).isEmpty();
    }
}
