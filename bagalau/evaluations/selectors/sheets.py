"""Evaluation reads: sheets."""
