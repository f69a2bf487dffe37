/**
 * The signed-webhook channel: a JSON body POSTed to the merchant's URL and signed per Standard Webhooks, through a
 * client pinned to addresses the SSRF guard checked ({@link dev.mercator.platform.http.PublicAddressGuard}).
 */
@NullMarked
package dev.mercator.notifications.webhook;

import org.jspecify.annotations.NullMarked;
