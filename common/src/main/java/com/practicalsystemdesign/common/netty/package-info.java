/**
 * Reactor Netty runtime settings that must be in place before the first event loop
 * exists.
 */
package com.practicalsystemdesign.common.netty;
