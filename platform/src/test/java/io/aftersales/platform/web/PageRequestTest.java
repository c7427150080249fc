package io.aftersales.platform.web;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageRequestTest {

    @Test
    void absent_parameters_ask_for_the_first_page_of_the_default_size() {
        assertThat(PageRequest.of(null, " ")).isEqualTo(new PageRequest(0, PageRequest.DEFAULT_SIZE));
    }

    @Test
    void a_page_whose_offset_overflows_an_int_is_a_field_error_on_page() {
        assertThat(errors("10737419", "200")).extracting(FieldError::field).containsExactly("page");
    }

    @Test
    void a_page_past_the_offset_cap_is_refused_and_the_last_page_under_it_is_not() {
        assertThat(errors("51", "200")).extracting(FieldError::field).containsExactly("page");
        assertThat(PageRequest.of("50", "200").offset()).isEqualTo(PageRequest.MAX_OFFSET);
    }

    @Test
    void numbers_beyond_a_long_or_not_numbers_at_all_are_field_errors() {
        assertThat(errors("99999999999999999999", "x")).extracting(FieldError::field).containsExactly("page", "size");
    }

    @Test
    void a_size_over_the_cap_or_below_one_and_a_negative_page_are_field_errors() {
        assertThat(errors("0", "201")).extracting(FieldError::field).containsExactly("size");
        assertThat(errors("0", "0")).extracting(FieldError::field).containsExactly("size");
        assertThat(errors("-1", "20")).extracting(FieldError::field).containsExactly("page");
    }

    @Test
    void of_throws_the_400_exception_listing_the_fields() {
        assertThatThrownBy(() -> PageRequest.of("10737419", "200")).isInstanceOf(InvalidRequestException.class);
    }

    private static List<FieldError> errors(String page, String size) {
        List<FieldError> errors = new ArrayList<>();
        PageRequest.parse(page, size, errors);
        return errors;
    }
}
