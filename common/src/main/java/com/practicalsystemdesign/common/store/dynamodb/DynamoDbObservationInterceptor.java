package com.practicalsystemdesign.common.store.dynamodb;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * One Micrometer observation per DynamoDB API call, its retries included: the timer
 * {@code dynamodb.client.requests{operation, outcome, error}} (Prometheus:
 * {@code dynamodb_client_requests_seconds_*}) and, when the trace is recorded, a client
 * span {@code DynamoDb.<Operation>} under the span of the request that made the call. The
 * AWS SDK has no Micrometer binding of its own; its interceptors see every call of the
 * client, sync or async.
 *
 * <p>
 * {@code outcome} is {@code SUCCESS}, {@code CLIENT_ERROR} (DynamoDB refused the request:
 * a failed condition, a cancelled transaction), {@code SERVER_ERROR} (DynamoDB failed) or
 * {@code UNKNOWN} (no answer: unreachable, timed out), as Spring tags HTTP calls.
 */
final class DynamoDbObservationInterceptor implements ExecutionInterceptor {

    static final String NAME = "dynamodb.client.requests";

    private static final ExecutionAttribute<Observation> OBSERVATION = new ExecutionAttribute<>(NAME);

    private final ObservationRegistry registry;

    DynamoDbObservationInterceptor(ObservationRegistry registry) {
        this.registry = registry;
    }

    /** Runs on the caller's thread, so the request's observation becomes the parent. */
    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        Observation observation = Observation.createNotStarted(NAME, registry)
            .contextualName(service + "." + operation)
            .lowCardinalityKeyValue("operation", operation);
        context.request()
            .getValueForField("TableName", String.class)
            .ifPresent(table -> observation.highCardinalityKeyValue("table", table));
        attributes.putAttribute(OBSERVATION, observation.start());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        stop(attributes, "SUCCESS");
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Observation observation = attributes.getAttribute(OBSERVATION);
        if (observation != null) {
            observation.error(context.exception());
        }
        stop(attributes, outcome(context.exception()));
    }

    private static void stop(ExecutionAttributes attributes, String outcome) {
        Observation observation = attributes.getAttribute(OBSERVATION);
        if (observation != null) {
            observation.lowCardinalityKeyValue("outcome", outcome).stop();
        }
    }

    private static String outcome(Throwable failure) {
        if (failure instanceof SdkServiceException answered) {
            return answered.statusCode() >= 500 ? "SERVER_ERROR" : "CLIENT_ERROR";
        }
        return "UNKNOWN";
    }

}
