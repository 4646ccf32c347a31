"""Which sentences need a source: features, a hashed linear model, its trainer and scorer."""
