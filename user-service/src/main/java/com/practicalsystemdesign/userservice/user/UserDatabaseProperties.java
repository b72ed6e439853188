package com.practicalsystemdesign.userservice.user;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the service waits for PostgreSQL. ({@code database.url}, the original
 * {@code DATABASE_URL}, is read by common, which derives the R2DBC and Flyway settings
 * from it.)
 *
 * @param timeout upper bound of every PostgreSQL call; past it the request fails with
 * 503, so that a client hears within the API's two seconds that the store is down
 */
@ConfigurationProperties("database")
public record UserDatabaseProperties(@DefaultValue("1500ms") Duration timeout) {
}
