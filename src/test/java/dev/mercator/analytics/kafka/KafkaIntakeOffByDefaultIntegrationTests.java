package dev.mercator.analytics.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;

/** The application as every other suite starts it: no Kafka setting, so no Kafka client at all. */
class KafkaIntakeOffByDefaultIntegrationTests extends IntegrationTest {

    @Autowired
    ApplicationContext context;

    @Test
    void withoutBootstrapServersNoKafkaBeanExists() {
        assertThat(context.getBeanNamesForType(KafkaEventIntake.class)).isEmpty();
        assertThat(context.getBeanNamesForType(MessageListenerContainer.class)).isEmpty();
        assertThat(context.getBeanNamesForType(ConsumerFactory.class)).isEmpty();
        assertThat(context.getBeanNamesForType(ProducerFactory.class)).isEmpty();
        assertThat(context.getBean(KafkaIntakeSettings.class).bootstrapServers())
                .isNullOrEmpty();
    }
}
