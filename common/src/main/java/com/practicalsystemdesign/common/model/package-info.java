/**
 * The API's models, shared by every service: requests are validated records, responses
 * are plain records. Every model writes and reads snake_case JSON on its own, so the same
 * shape appears over HTTP, in Redis and in logs whatever mapper handles it.
 */
package com.practicalsystemdesign.common.model;
