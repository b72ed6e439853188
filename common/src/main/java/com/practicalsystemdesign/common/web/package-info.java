/**
 * Web conventions every service shares: RFC 9457 problem+json for every error, strict JSON
 * binding and request-id propagation into logs.
 */
package com.practicalsystemdesign.common.web;
