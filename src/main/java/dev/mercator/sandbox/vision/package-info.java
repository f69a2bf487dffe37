/**
 * Simulator of an OpenAI-compatible chat-completions API with image input, for item recognition: its request
 * validation, its per-key requests-per-minute limit and its error bodies, answering from photos registered by their
 * SHA-256.
 */
@NullMarked
package dev.mercator.sandbox.vision;

import org.jspecify.annotations.NullMarked;
