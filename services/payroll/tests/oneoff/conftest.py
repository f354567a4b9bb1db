from ..runs.conftest import live  # noqa: F401  (the committing app of the runs tests)
