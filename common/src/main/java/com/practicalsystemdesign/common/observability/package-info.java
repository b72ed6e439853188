/**
 * What every service shares to be watched: trace ids in every log line at next to no
 * cost, and spans recorded only while something exports them.
 */
package com.practicalsystemdesign.common.observability;
