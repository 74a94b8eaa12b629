"""Derive: views computed from the model once per build (pure functions, no rendering)."""
