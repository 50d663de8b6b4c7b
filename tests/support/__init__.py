"""Helpers shared by the tests: auth, store, feedback and report helpers, FHIR bundles."""
