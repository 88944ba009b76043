"""360 survey models (seed 002 p.33-36)."""
