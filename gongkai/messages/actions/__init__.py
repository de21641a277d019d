"""The state-changing actions of messages, by topic; ``services`` re-exports the public names."""
