package dev.mercator.sandbox.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TelegramHtmlTests {

    @Test
    void telegramsTagsAndEntitiesParseToTheirText() {
        TelegramHtml.Parsed parsed =
                TelegramHtml.parse("<b>SKU &lt;1&gt;</b> &amp; <a href=\"https://x.example\">link</a>");

        assertThat(parsed.error()).isNull();
        assertThat(parsed.text()).isEqualTo("SKU <1> & link");
    }

    @Test
    void anUnsupportedTagAStrayLessThanOrAnUnclosedTagIsRefusedAsTelegramRefusesIt() {
        assertThat(TelegramHtml.parse("price <script>x</script>").error())
                .isEqualTo("Bad Request: can't parse entities: Unsupported start tag \"script\" at byte offset 6");
        assertThat(TelegramHtml.parse("a < b").error()).startsWith("Bad Request: can't parse entities:");
        assertThat(TelegramHtml.parse("<b>bold").error())
                .isEqualTo("Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"");
        assertThat(TelegramHtml.parse("<b><i>x</b></i>").error()).contains("Unmatched end tag");
    }
}
