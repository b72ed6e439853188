package com.practicalsystemdesign.userservice.user;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * An answer about one user and the row version it was read or written at: the version is
 * the user's strong {@code ETag} ({@code "<version>"}), what a client sends back in
 * {@code If-None-Match} and {@code If-Match}.
 */
public record Versioned<T>(T body, long version) {

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The answer with its ETag; on a GET, Spring answers 304 from it when
     * {@code If-None-Match} names that ETag.
     */
    ResponseEntity<T> answer(HttpStatus status) {
        return ResponseEntity.status(status).eTag(etag(version)).body(body);
    }

}
