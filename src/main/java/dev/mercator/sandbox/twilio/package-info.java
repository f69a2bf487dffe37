/**
 * Simulator of Twilio's Messages resource: its validation and error codes, its signed status callbacks and inbound
 * STOP/START replies.
 */
@NullMarked
package dev.mercator.sandbox.twilio;

import org.jspecify.annotations.NullMarked;
