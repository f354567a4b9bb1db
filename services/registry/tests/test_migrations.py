from cwm_kit.testing import assert_migrations_make_the_models


async def test_the_migrated_database_matches_the_models(engine):
    await assert_migrations_make_the_models(engine, "registry")
