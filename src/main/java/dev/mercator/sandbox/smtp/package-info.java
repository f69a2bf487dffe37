/**
 * The sandbox's mail server: a real SMTP server (SubEthaSMTP, ADR 22) on a local port, an inbox API under {@code
 * /sandbox/smtp} and faults on demand (4xx/5xx to a recipient or to the next messages, a reply to DATA that never
 * comes).
 */
@NullMarked
package dev.mercator.sandbox.smtp;

import org.jspecify.annotations.NullMarked;
