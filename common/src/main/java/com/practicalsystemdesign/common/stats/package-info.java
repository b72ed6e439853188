/**
 * The {@code GET /stats} of docs/api.md on the service port: the last minute's requests
 * and, in a service with a cache, its lookups, cheap enough for a console to poll.
 */
package com.practicalsystemdesign.common.stats;
