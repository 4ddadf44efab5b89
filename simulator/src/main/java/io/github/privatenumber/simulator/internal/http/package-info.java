/** The HTTP side: the platform API, the admin API, authentication checks and fault injection. */
package io.github.privatenumber.simulator.internal.http;
