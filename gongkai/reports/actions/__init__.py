"""The annual report's business actions, by topic; ``gongkai.reports.services`` re-exports the public names."""
