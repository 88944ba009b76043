"""The moj-2017 edition's web workflow (seed 001; EDITIONS.md §5, §9.4)."""
