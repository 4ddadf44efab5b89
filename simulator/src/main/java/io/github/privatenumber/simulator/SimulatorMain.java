package io.github.privatenumber.simulator;

/** Placeholder entry point; replaced by the simulator's command line. */
public final class SimulatorMain {
    private SimulatorMain() {
    }

    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.err.println("simulator: not built yet");
    }
}
