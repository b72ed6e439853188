/**
 * The seed design's {@code GET /health} on the service port, computed from the same
 * Actuator health indicators that drive Kubernetes probes on the management port.
 */
package com.practicalsystemdesign.common.health;
