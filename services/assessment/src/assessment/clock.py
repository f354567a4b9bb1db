"""Today's date in the assessing government's calendar (China's, the kit's one clock); a dependency so tests can
move time."""

from datetime import date
from typing import Annotated

from fastapi import Depends

from cwm_kit.dates import today_in_china


async def today() -> date:  # async: no thread-pool hop per request
    return today_in_china()


TodayDep = Annotated[date, Depends(today)]
