"""Helpers shared by the auth, store, feedback and report tests."""
