from __future__ import annotations

import pytest

from tests.integration.workflows.walk import Walk


@pytest.fixture
def walk(uow, actors, window_id) -> Walk:
    return Walk(uow, actors, window_id)
