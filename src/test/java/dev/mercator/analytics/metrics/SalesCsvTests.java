package dev.mercator.analytics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** How figures and a merchant's own text are written into CSV cells and money strings. */
class SalesCsvTests {

    @Test
    void aMerchantsTextNeverBecomesASpreadsheetFormulaOrBreaksTheRow() {
        assertThat(SalesController.cell("online_store")).isEqualTo("online_store");
        assertThat(SalesController.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(SalesController.cell("+1")).isEqualTo("'+1");
        assertThat(SalesController.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(SalesController.cell("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    @Test
    void moneyKeepsTwoDecimalsAndAnyFurtherOnesItHas() {
        assertThat(SalesController.money(new BigDecimal("5.0000"))).isEqualTo("5.00");
        assertThat(SalesController.money(new BigDecimal("15.9150"))).isEqualTo("15.915");
        assertThat(SalesController.money(new BigDecimal("1200.0000"))).isEqualTo("1200.00");
        assertThat(SalesController.money(new BigDecimal("-5.5000"))).isEqualTo("-5.50");
    }

    @Test
    void csvIsChosenByFormatOrByAnAcceptHeaderThatNamesItBeforeJson() {
        assertThat(SalesController.csv("csv", null)).isTrue();
        assertThat(SalesController.csv("json", "text/csv")).isFalse();
        assertThat(SalesController.csv(null, "text/csv")).isTrue();
        assertThat(SalesController.csv(null, "application/json, text/csv")).isFalse();
        assertThat(SalesController.csv(null, "*/*")).isFalse();
        assertThat(SalesController.csv(null, null)).isFalse();
    }
}
