"""Factories shared by the tests and the benchmarks: one module per app, and the sample
plan the printing tests and benchmarks/pdf.py print (sample_plan.py)."""
