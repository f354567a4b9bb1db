from ..auth.test_router import seeded  # noqa: F401  (the demo regions and accounts, shared with auth tests)
