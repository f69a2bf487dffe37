package dev.mercator.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GtinTests {

    @ParameterizedTest
    @CsvSource({
        "4006381333931, 04006381333931",
        "036000291452, 00036000291452",
        "9780306406157, 09780306406157",
        "96385074, 00000096385074",
        "00036000291452, 00036000291452",
        "'4006381-333931 ', 04006381333931",
        "4 006381 33393 1, 04006381333931",
    })
    void normalisesValidNumbersToGtin14(String raw, String expected) {
        assertThat(Gtin.parse(raw)).map(Gtin::value).contains(expected);
        assertThat(Gtin.isValid(raw)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "4006381333932", // wrong check digit
                "036000291453",
                "Does not apply",
                "",
                "12345",
                "1234567890", // 10 digits: no GTIN has that length
                "400638133393x",
                "123456789012345",
            })
    void rejectsInvalidNumbers(String raw) {
        assertThat(Gtin.parse(raw)).isEmpty();
        assertThat(Gtin.isValid(raw)).isFalse();
    }

    @Test
    void rejectsNull() {
        assertThat(Gtin.parse(null)).isEmpty();
    }

    @Test
    void sameProductInEveryFormJoinsOnOneKey() {
        assertThat(Gtin.parse("036000291452")).isEqualTo(Gtin.parse("0036000291452"));
        assertThat(Gtin.parse("0036000291452")).isEqualTo(Gtin.parse("00036000291452"));
    }

    @Test
    void completesDataWithItsCheckDigit() {
        assertThat(Gtin.withCheckDigit("400638133393").value()).isEqualTo("04006381333931");
        assertThat(Gtin.withCheckDigit("03600029145").value()).isEqualTo("00036000291452");
        assertThat(Gtin.withCheckDigit("400638133393").ean13()).isEqualTo("4006381333931");
    }

    @Test
    void constructorRefusesAnInvalidValue() {
        assertThatThrownBy(() -> new Gtin("04006381333932")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Gtin("4006381333931")).isInstanceOf(IllegalArgumentException.class);
    }
}
