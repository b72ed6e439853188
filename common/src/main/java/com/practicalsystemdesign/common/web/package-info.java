/**
 * Web conventions every service shares: RFC 9457 problem+json for every error, strict
 * JSON binding and request and trace ids in every log line.
 */
package com.practicalsystemdesign.common.web;
