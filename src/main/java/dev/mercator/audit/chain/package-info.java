/** The trail's store: the per-merchant hash chain, its appends, its verification and its queries. */
@NullMarked
package dev.mercator.audit.chain;

import org.jspecify.annotations.NullMarked;
