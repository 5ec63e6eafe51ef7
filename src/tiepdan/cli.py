"""The `tiepdan` console script: Django's management commands with the project's settings preset."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tiepdan.settings")
    # The CLI never serves HTTP, so it may fall back to the demo secret key when none is configured.
    os.environ.setdefault("TIEPDAN_CLI", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["tiepdan", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
