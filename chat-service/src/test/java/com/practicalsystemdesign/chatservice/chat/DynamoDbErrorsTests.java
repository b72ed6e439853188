package com.practicalsystemdesign.chatservice.chat;

import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import org.springframework.http.HttpStatus;

import com.practicalsystemdesign.common.store.StoreUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;

class DynamoDbErrorsTests {

    @Test
    void treatsNoConnectionAndTimeoutsAsUnavailable() {
        assertThat(DynamoDbErrors.isUnavailable(SdkClientException.create("Connection refused"))).isTrue();
        assertThat(DynamoDbErrors.isUnavailable(ApiCallTimeoutException.create(1500))).isTrue();
        assertThat(DynamoDbErrors.isUnavailable(ApiCallAttemptTimeoutException.create(700))).isTrue();
        assertThat(DynamoDbErrors.isUnavailable(new CompletionException(SdkClientException.create("wrapped"))))
            .isTrue();
    }

    @Test
    void treatsServerErrorsAndThrottlingAsUnavailable() {
        assertThat(DynamoDbErrors.isUnavailable(serviceError(500, "InternalServerError"))).isTrue();
        assertThat(DynamoDbErrors.isUnavailable(serviceError(503, "ServiceUnavailable"))).isTrue();
        assertThat(DynamoDbErrors.isUnavailable(ProvisionedThroughputExceededException.builder()
            .statusCode(400)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build())
            .build())).isTrue();
    }

    @Test
    void leavesClientErrorsToTheCaller() {
        assertThat(DynamoDbErrors.isUnavailable(serviceError(400, "ValidationException"))).isFalse();
        assertThat(DynamoDbErrors.isUnavailable(ConditionalCheckFailedException.builder().statusCode(400).build()))
            .isFalse();
        assertThat(DynamoDbErrors.isUnavailable(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void unavailableIsServiceUnavailableProblemKeepingTheCauseForTheLog() {
        SdkClientException cause = SdkClientException.create("Connection refused");

        StoreUnavailableException problem = DynamoDbErrors.unavailable(new CompletionException(cause));

        assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(problem.getBody().getDetail()).isEqualTo("DynamoDB is temporarily unavailable; retry shortly")
            .doesNotContain("Connection refused");
        assertThat(problem.getCause()).isSameAs(cause);
    }

    private static DynamoDbException serviceError(int status, String code) {
        return (DynamoDbException) DynamoDbException.builder()
            .statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
            .build();
    }

}
