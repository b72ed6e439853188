package com.practicalsystemdesign.chatservice.chat;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import com.practicalsystemdesign.common.store.StoreUnavailableException;

/**
 * How this service reads DynamoDB's failures. "Unavailable" is everything a client cannot
 * fix by changing its request: no connection, no answer within the SDK's bounded time
 * ({@code ApiCallTimeoutException} and {@code ApiCallAttemptTimeoutException} are
 * {@link SdkClientException}s), a 5xx, or throttling that outlasted the SDK's retries.
 * Those become a 503 problem; anything else (a validation error, a missing table) is a
 * bug or a misconfiguration and stays a 500.
 */
public final class DynamoDbErrors {

    static final String STORE = "DynamoDB";

    private DynamoDbErrors() {
    }

    public static boolean isUnavailable(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof SdkClientException) {
            return true;
        }
        return cause instanceof AwsServiceException service
                && (service.statusCode() >= 500 || service.isThrottlingException());
    }

    /**
     * The 503 problem for an unavailable DynamoDB; the cause goes to the log, never to
     * the client.
     */
    static StoreUnavailableException unavailable(Throwable error) {
        return new StoreUnavailableException(STORE, unwrap(error));
    }

    /** The SDK's futures may wrap the real failure; Reactor unwraps most, not all. */
    public static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

}
