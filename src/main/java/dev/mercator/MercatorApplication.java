package dev.mercator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/** Mercator: catalog search, deal scouting, inventory sync and analytics in one service. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(systemName = "Mercator", sharedModules = "platform")
public class MercatorApplication {

    public static void main(String[] args) {
        SpringApplication.run(MercatorApplication.class, args);
    }
}
