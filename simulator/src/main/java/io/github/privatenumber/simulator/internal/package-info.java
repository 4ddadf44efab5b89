/**
 * Implementation of the simulator; not a public API and free to change between releases. Nothing here
 * accepts {@code null} unless a parameter says so.
 */
package io.github.privatenumber.simulator.internal;
