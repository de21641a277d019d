"""The business actions of public participation, by topic; ``services.py`` re-exports the public names."""
