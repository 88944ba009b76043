"""Bagalau: performance evaluation of "B" corps administrative civil servants."""
