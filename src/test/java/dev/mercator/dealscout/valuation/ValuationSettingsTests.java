package dev.mercator.dealscout.valuation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The settings bind with their documented defaults, refuse nonsense, and the facade wires from them. */
class ValuationSettingsTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ValuationSettings.class, FeeSettings.class})
    @Import(DealValuation.class)
    static class Wiring {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Wiring.class);

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(DealValuation.class);
            assertThat(context.getBean(ValuationSettings.class)).isEqualTo(ValuationSettings.defaults());
            assertThat(context.getBean(FeeSettings.class)).isEqualTo(FeeSettings.defaults());
        });
    }

    @Test
    void settingsBindFromTheirProperties() {
        runner.withPropertyValues(
                        "mercator.dealscout.valuation.half-life=7d",
                        "mercator.dealscout.valuation.confidence=0.9",
                        "mercator.dealscout.fees.ebay-percent=12.7")
                .run(context -> {
                    assertThat(context.getBean(ValuationSettings.class).halfLife())
                            .isEqualTo(Duration.ofDays(7));
                    assertThat(context.getBean(ValuationSettings.class).confidence())
                            .isEqualTo(0.9);
                    assertThat(context.getBean(FeeSettings.class).ebayPercent()).isEqualTo(12.7);
                });
    }

    @Test
    void aConfidenceOfOneOrAThinThresholdBelowTheMinimumStopsStartUp() {
        runner.withPropertyValues("mercator.dealscout.valuation.confidence=1")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("mercator.dealscout.valuation.thin-below=3")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("mercator.dealscout.fees.ebay-percent=-1")
                .run(context -> assertThat(context).hasFailed());
    }
}
