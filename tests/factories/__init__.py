"""Factories shared by the tests (and usable by demo code): one module per app."""
