package com.practicalsystemdesign.userservice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The users API: PostgreSQL (R2DBC, Flyway) as the source of truth, Redis as a
 * cache-aside in front of it. Store clients, problem+json errors and {@code /health} come
 * from common.
 */
@SpringBootApplication
public class UserServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(UserServiceApplication.class, args);
    }

}
