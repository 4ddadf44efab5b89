/**
 * The client's machinery: wire format, answer mapping, retry rules and the call runner. <strong>Not public
 * API</strong>: other modules must not use this package, and it may change without notice.
 *
 * <p>Null contract: parameters and return values are non-null unless documented.
 */
package io.github.privatenumber.client.internal;
