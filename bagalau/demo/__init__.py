"""The demo: a fictional apparatus with a year of evaluations, for `make demo` and screenshots."""
