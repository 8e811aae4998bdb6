package io.omnisync;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** omnisync: Camel routes on Spring Boot between Magento and the systems Magento does not reach. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OmnisyncApplication {

    public static void main(String[] args) {
        SpringApplication.run(OmnisyncApplication.class, args);
    }
}
