"""Helpers shared by the project's own tools: the benchmark, the load test and the audit."""
