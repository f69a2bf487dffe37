/** The trail's HTTP API: a merchant's own records and their verification, and the operator's view across merchants. */
@NullMarked
package dev.mercator.audit.web;

import org.jspecify.annotations.NullMarked;
