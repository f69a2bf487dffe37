@NullMarked
package dev.mercator.platform.web;

import org.jspecify.annotations.NullMarked;
