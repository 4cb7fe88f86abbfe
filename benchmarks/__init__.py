"""Speed and scale measurements; run by hand, never as timed tests."""
