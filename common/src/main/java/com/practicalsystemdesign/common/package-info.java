/**
 * The shared library every service imports: one set of API models ({@code model}), store
 * utilities and auto-configuration ({@code store}), the {@code /health} answer
 * ({@code health}), web conventions ({@code web}), observability and runtime settings.
 * The models live here on purpose, not in each service: this is the shared-library
 * pattern the original design teaches, in which services agree on one definition of every
 * request and response instead of each keeping its own copy. Its cost, a change to a
 * model releasing every service, is the lesson's other half (docs/background.md).
 */
package com.practicalsystemdesign.common;
