"""PMO's computation engine: pure Python and numpy, never Django (a test enforces it).

Inputs are validated dataclasses that raise `ValueError` with a clear message; each job has one entry point that
returns a typed result.
"""
