/**
 * The OpenAPI conventions every service's document shares: the RFC 9457 problem responses
 * declared once, JSON media types, the project's licence and contact, and snake_case
 * schemas. A service's document describes its own operations; this package describes what
 * all of them answer alike.
 */
package com.practicalsystemdesign.common.openapi;
