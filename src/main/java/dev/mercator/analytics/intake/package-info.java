/**
 * Event intake: batches of a merchant's events checked against their type's versioned JSON Schema and committed to the
 * journal before the answer, each acknowledged as accepted, duplicate or rejected with its reasons.
 */
@NullMarked
package dev.mercator.analytics.intake;

import org.jspecify.annotations.NullMarked;
