"""Object permissions (django-rules) over the organisation tree.

`user.has_perm("orgs.view_orgunit", unit)` is true when the unit is in the user's scope
(`selectors.user_scope`); `orgs.manage_orgunit` (create, move, reorganise) belongs to system administrators.
"""

from __future__ import annotations

from typing import Any

import rules

from . import selectors


@rules.predicate
def unit_in_scope(user: Any, unit: Any) -> bool:
    if unit is None:
        return False
    return selectors.user_scope(user).allows(unit)


@rules.predicate
def is_system_admin(user: Any) -> bool:
    return selectors.is_system_admin(user)


rules.add_perm("orgs.view_orgunit", unit_in_scope)
rules.add_perm("orgs.manage_orgunit", is_system_admin)
