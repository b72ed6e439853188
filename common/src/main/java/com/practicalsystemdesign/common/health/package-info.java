/**
 * The {@code GET /health} of docs/api.md (the service's status and each store's) on the
 * service port, computed from the same Actuator health indicators that drive Kubernetes
 * probes on the management port.
 */
package com.practicalsystemdesign.common.health;
