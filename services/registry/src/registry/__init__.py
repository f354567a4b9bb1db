"""Registry service: regions, workers, recruitment, identity."""
