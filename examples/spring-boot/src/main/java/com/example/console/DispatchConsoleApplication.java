package com.example.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The dispatch console: no code about the DAL's set-up, the starter makes its beans from {@code spring.datasource.*}. */
@SpringBootApplication
public class DispatchConsoleApplication {

    public static void main(String[] args) {
        SpringApplication.run(DispatchConsoleApplication.class, args);
    }
}
