package dev.mercator.inventory.amazon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReturnReportsTests {

    private static final String FBA_HEADER = String.join("\t", ReturnReports.FBA_COLUMNS);
    private static final Instant END = Instant.parse("2026-12-01T00:00:00Z");

    private static ReturnReports.Parsed fba(String body) {
        return ReturnReports.parse(ReturnReports.FBA, (FBA_HEADER + "\n" + body).getBytes(StandardCharsets.UTF_8), END);
    }

    @Test
    void aRowIsReadByItsHeaderNamesWithItsDispositionAndKey() {
        ReturnReports.Parsed parsed = fba(
                "2026-11-20T10:00:00+00:00\t111-1\tMUG\tB0\tX0\tMug\t2\tPHX7\tCARRIER_DAMAGED\tDAMAGED_BY_FC\tok\tLPN1\thi\n");

        assertThat(parsed.documentProblem()).isNull();
        ReturnReports.Item item = parsed.items().getFirst();
        assertThat(item.hold()).isNull();
        assertThat(item.incoming().quantity()).isEqualTo(2);
        assertThat(item.incoming().reportedDisposition()).isEqualTo("CARRIER_DAMAGED");
        assertThat(item.incoming().fba()).isTrue();
        assertThat(item.incoming().dedupKey()).isEqualTo("amazon-fba:111-1|MUG|LPN1|2026-11-20T10:00:00+00:00|1");
    }

    @Test
    void identicalRowsAreTwoReturnsByTheirPosition() {
        String row = "2026-11-20T10:00:00+00:00\t111-1\tMUG\tB0\tX0\tMug\t1\tPHX7\tSELLABLE\tR\tok\tLPN1\t\n";

        ReturnReports.Parsed parsed = fba(row + row);

        assertThat(parsed.items())
                .extracting(i -> i.incoming().dedupKey())
                .doesNotHaveDuplicates()
                .hasSize(2);
    }

    @Test
    void aHugeLicensePlateStillGivesAStorableKey() {
        String lpn = "L".repeat(2000);

        ReturnReports.Parsed parsed =
                fba("2026-11-20T10:00:00+00:00\t111-1\tMUG\tB0\tX0\tMug\t1\tPHX7\tSELLABLE\tR\tok\t" + lpn + "\t\n");

        assertThat(parsed.items().getFirst().incoming().dedupKey()).hasSizeLessThanOrEqualTo(400);
        assertThat(parsed.items().getFirst().incoming().licensePlate()).isNull();
    }

    @Test
    void unknownAndMissingColumnsRefuseTheWholeDocument() {
        assertThat(ReturnReports.parse(
                                ReturnReports.FBA,
                                (FBA_HEADER + "\tnew-column\n").getBytes(StandardCharsets.UTF_8),
                                END)
                        .documentProblem())
                .contains("new-column");
        assertThat(ReturnReports.parse(ReturnReports.FBA, "return-date\tsku\n".getBytes(StandardCharsets.UTF_8), END)
                        .documentProblem())
                .contains("missing", "order-id");
        assertThat(ReturnReports.parse(ReturnReports.FBA, new byte[0], END).documentProblem())
                .contains("empty");
    }

    @Test
    void unreadableRowsAreHeldWithTheirProblem() {
        ReturnReports.Parsed parsed = fba("""
                not-a-date\t111-1\tMUG\tB0\tX0\tMug\t1\tPHX7\tSELLABLE\tR\tok\tL1\t
                2026-11-20\t111-2\tMUG\tB0\tX0\tMug\t-3\tPHX7\tSELLABLE\tR\tok\tL2\t
                2026-11-20\t111-3\tMUG\tB0\tX0\tMug\t1
                """);

        assertThat(parsed.items()).hasSize(3);
        assertThat(parsed.items().get(0).hold()).contains("bad return date");
        assertThat(parsed.items().get(1).hold()).contains("bad quantity");
        assertThat(parsed.items().get(2).hold()).contains("cells");
    }

    @Test
    void aMerchantFulfilledRowWaitsForInspectionAndAnAbsurdAmountIsNoValue() {
        String header = String.join("\t", ReturnReports.MFN_COLUMNS);
        String[] cells = new String[ReturnReports.MFN_COLUMNS.size()];
        java.util.Arrays.fill(cells, "");
        cells[ReturnReports.MFN_COLUMNS.indexOf("Order ID")] = "111-9";
        cells[ReturnReports.MFN_COLUMNS.indexOf("Amazon RMA ID")] = "D123";
        cells[ReturnReports.MFN_COLUMNS.indexOf("Merchant SKU")] = "MUG";
        cells[ReturnReports.MFN_COLUMNS.indexOf("Return quantity")] = "1";
        cells[ReturnReports.MFN_COLUMNS.indexOf("Return request date")] = "2026-11-20T10:00:00Z";
        cells[ReturnReports.MFN_COLUMNS.indexOf("Order Amount")] = "1e30";
        cells[ReturnReports.MFN_COLUMNS.indexOf("Order quantity")] = "1";

        ReturnReports.Parsed parsed = ReturnReports.parse(
                ReturnReports.MFN,
                (header + "\n" + String.join("\t", cells) + "\n").getBytes(StandardCharsets.UTF_8),
                END);

        ReturnReports.Item item = parsed.items().getFirst();
        assertThat(item.hold()).isNull();
        assertThat(item.incoming().reportedDisposition()).isNull();
        assertThat(item.incoming().fba()).isFalse();
        assertThat(item.incoming().orderChecked()).isTrue();
        assertThat(item.incoming().unitValue()).isNull();
    }
}
