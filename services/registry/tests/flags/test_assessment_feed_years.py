"""Years the assessment feed cannot hold are not asked for (a fuzzer found `on=1970-…` turning into a 503)."""

from registry.upstream import final_results


class RecordingClient:
    def __init__(self) -> None:
        self.years: list[int] = []

    async def get_json(self, url: str, params: dict, **_: object) -> dict:
        self.years.append(params["year"])
        return {"items": [], "next_cursor": None}


async def test_only_years_the_feed_holds_are_requested():
    client = RecordingClient()
    assert await final_results(client, "640104", [1997, 1998, 1999, 2000]) == {}
    assert client.years == [2000]
