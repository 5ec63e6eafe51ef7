"""What the user typed in a refused form comes back in that form (and only that one)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def kept(context: Any, action: str, name: str, default: Any = "") -> Any:
    """The posted value of `name` if the refused form was `action`, else `default`."""
    if context.get("kept_action") == action:
        return context["kept"].get(name, "")
    return default


@register.simple_tag(takes_context=True)
def kept_checked(context: Any, action: str, name: str, value: str, default: bool = False) -> str:
    """`checked` for a checkbox ticked in the refused form (or ticked by default in a fresh one)."""
    if context.get("kept_action") == action:
        posted = context["kept"].get(name, [])
        values = posted if isinstance(posted, list) else [posted]
        return "checked" if str(value) in values else ""
    return "checked" if default else ""


@register.simple_tag(takes_context=True)
def kept_selected(context: Any, action: str, name: str, value: Any, default: Any = "") -> str:
    if context.get("kept_action") == action:
        posted = context["kept"].get(name, [])
        values = posted if isinstance(posted, list) else [posted]
        return "selected" if str(value) in values else ""
    return "selected" if str(value) == str(default) else ""


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None
