"""The main menu. Each app registers its own entries from AppConfig.ready(); an area not built yet has none."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class NavItem:
    key: str
    label: Any  # a lazy translation
    url_name: str
    icon: str = "circle"
    order: int = 100
    # Decides from the user whether the entry is shown; everyone logged in by default.
    visible: Callable[[Any], bool] = field(default=lambda user: True)


_ITEMS: dict[str, NavItem] = {}


def register(item: NavItem) -> None:
    _ITEMS[item.key] = item


def items_for(user: Any) -> list[NavItem]:
    return sorted((i for i in _ITEMS.values() if i.visible(user)), key=lambda i: (i.order, i.key))
