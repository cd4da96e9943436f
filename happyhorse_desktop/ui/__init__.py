"""Everything with widgets lives here; the engine (api/, tasks/) knows nothing about it."""
