import pytest

from tiepdan.lawcal import workcal


@pytest.fixture(autouse=True)
def _fresh_calendar():
    """The calendar is cached per process; overrides written by a test must not leak into the next."""
    workcal.invalidate()
    yield
    workcal.invalidate()
