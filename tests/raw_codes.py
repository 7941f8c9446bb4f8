"""Codes people must never see: statuses, roles and lanes, task ids. A page or message
that shows one has skipped its Dutch label."""

from __future__ import annotations

import re

from workflows.labels import ROLES, STATUSES
from workflows.tasks import REGISTRY

# "auditor" is a Dutch word as well as a role code: it may appear in a sentence. The part
# of an e-mail address before the @ (decision_maker@demo.test) is no code either.
CODES = (set(STATUSES) | set(ROLES) | set(REGISTRY)) - {"auditor"}
_PATTERN = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, CODES),
                                                         key=len, reverse=True)) + r")(?![\w@-])")


def raw_codes_in(text: str) -> set[str]:
    return set(_PATTERN.findall(text))
