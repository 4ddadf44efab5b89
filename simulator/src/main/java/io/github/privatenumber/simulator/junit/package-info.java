/** JUnit 5 support: {@link io.github.privatenumber.simulator.junit.SimulatorExtension}. */
package io.github.privatenumber.simulator.junit;
