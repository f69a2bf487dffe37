/** Background work: periodic workers that stop at a safe point and report their own health. */
@NullMarked
package dev.mercator.platform.work;

import org.jspecify.annotations.NullMarked;
