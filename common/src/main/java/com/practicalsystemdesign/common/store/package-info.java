/**
 * Store connection utilities: the original design's environment variables
 * ({@code DATABASE_URL}, {@code REDIS_URL}, {@code DYNAMODB_ENDPOINT},
 * {@code AWS_REGION}) become Spring Boot's and Spring Cloud AWS's own properties, so a
 * service that has a store's driver on its classpath gets a ready client from
 * auto-configuration, with no code of its own.
 */
package com.practicalsystemdesign.common.store;
