package com.practicalsystemdesign.userservice.user;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

import com.practicalsystemdesign.common.store.StoreUnavailableException;

/**
 * How this service reads PostgreSQL's failures: the users table's and the cache outbox's
 * queries turn the same ones into a 503.
 */
public final class PostgresErrors {

    private static final String STORE = "PostgreSQL";

    private PostgresErrors() {
    }

    /**
     * PostgreSQL did not answer: no connection, a dropped connection, or no reply in
     * time. Not a constraint violation or bad SQL, which are bugs or client errors, never
     * a 503.
     */
    public static boolean isUnavailable(Throwable ex) {
        if (ex instanceof DataAccessResourceFailureException || ex instanceof TransientDataAccessException
                || ex instanceof TimeoutException) {
            return true;
        }
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof R2dbcNonTransientResourceException || cause instanceof R2dbcTransientException
                    || cause instanceof ConnectException || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    public static StoreUnavailableException unavailable(Throwable ex) {
        return new StoreUnavailableException(STORE, ex);
    }

}
