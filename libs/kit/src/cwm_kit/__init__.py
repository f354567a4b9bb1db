"""Shared plumbing for the cwm services. Nothing domain-specific lives here."""
