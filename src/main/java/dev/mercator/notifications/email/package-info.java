/**
 * The e-mail channel: SMTP through Jakarta Mail (Angus Mail) with Spring's mail support, HTML and text parts from
 * Thymeleaf templates, a {@code Message-ID} derived from the delivery so a retry is recognisable, and SMTP replies
 * classed by RFC 5321 (4xx transient, 5xx permanent).
 */
@NullMarked
package dev.mercator.notifications.email;

import org.jspecify.annotations.NullMarked;
