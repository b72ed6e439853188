/**
 * The API's models, shared by every service: requests are validated records, responses
 * are plain records. Every model writes and reads snake_case JSON on its own, so the same
 * shape appears over HTTP, in Redis and in logs whatever mapper handles it.
 *
 * <p>
 * They live in {@code common}, not in each service, on purpose: the shared-library
 * pattern of the original design, one set of models that any service imports.
 */
package com.practicalsystemdesign.common.model;
