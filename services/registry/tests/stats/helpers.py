from contextlib import asynccontextmanager


def on_session(session):
    """The refresher's (read, write) sessions, both the test's own (its data is not committed)."""

    @asynccontextmanager
    async def sessions():
        yield session, session

    return sessions


def computations(statements: list[str]) -> int:
    """How many times the statistics were computed (each computation runs one grouped head count)."""
    return sum("GROUPING SETS" in s.upper() for s in statements)
