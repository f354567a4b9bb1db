"""A service process, once its first app has started, freezes what exists then out of Python's cyclic
collections and collects less often; a second app in the same process changes nothing more."""

from __future__ import annotations

import gc

from cwm_kit import app as kit_app
from cwm_kit import testing
from fastapi import APIRouter


async def test_after_the_first_start_the_apps_objects_are_frozen_and_collections_rarer():
    async with testing.scratch_database("kit_gc", "SELECT 1") as url:
        async with testing.started_app(url, APIRouter()):
            frozen = gc.get_freeze_count()
            assert frozen > 10_000  # modules, routes, schemas: the process's long-lived objects
            assert gc.get_threshold()[0] >= kit_app.SERVING_GEN0_THRESHOLD
        async with testing.started_app(url, APIRouter()):
            # Once per process: nothing frozen again (frozen objects may still die).
            assert gc.get_freeze_count() <= frozen
