"""Builders of test data for the framework-free core (no tests here)."""
