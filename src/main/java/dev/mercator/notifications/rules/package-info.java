/** Which alerts go to which destinations, when (quiet hours, digests) and how many a day. */
@NullMarked
package dev.mercator.notifications.rules;

import org.jspecify.annotations.NullMarked;
