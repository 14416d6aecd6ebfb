// Placeholder entry point; the simulator's command line is built in SimulatorCommand (see simulator/README.md).
return 0;
