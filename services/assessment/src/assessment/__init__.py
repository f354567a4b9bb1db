"""assessment service."""
