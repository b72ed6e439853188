/**
 * The real-store test harness every module's integration tests use. With a Docker engine
 * it starts Testcontainers; without one it starts a PostgreSQL and a Redis of the test
 * JVM's own with scripts/private-store.sh (the OS's binaries, else real server binaries
 * from Maven Central) and DynamoDB Local from Maven Central as a separate process, so a
 * JDK is all a machine needs. Never a mock in place of a store, and never the machine's
 * own servers. {@link com.practicalsystemdesign.common.testing.RequiresTool} marks tests
 * that need a tool beyond that.
 */
package com.practicalsystemdesign.common.testing;
