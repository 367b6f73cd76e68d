"""The command line: parse arguments, call one use case, render. No training logic lives here."""
