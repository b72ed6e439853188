/**
 * The real-store test harness every module's integration tests use. With a Docker engine it
 * starts Testcontainers; without one it uses the PostgreSQL and Redis running on this machine,
 * each run isolated in its own database and Redis key space, and DynamoDB Local from Maven
 * Central as a separate process. Never a mock in place of a store.
 */
package com.practicalsystemdesign.common.testing;
