"""Today's date in the assessing government's calendar; a dependency so tests can move time."""

from datetime import date, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import Depends, Request


async def today(request: Request) -> date:  # async: no thread-pool hop per request
    return datetime.now(ZoneInfo(request.app.state.settings.timezone)).date()


TodayDep = Annotated[date, Depends(today)]
