"""Evaluation reads: schedule."""
