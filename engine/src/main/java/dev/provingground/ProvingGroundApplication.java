package dev.provingground;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Proving Ground: verifies hands-on backend and system-design skill. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProvingGroundApplication {

	public static void main(String[] args) {
		SpringApplication.run(ProvingGroundApplication.class, args);
	}

}
