"""Tiếp Dân: citizen reception, petitions, complaints and denunciations for Vietnamese public bodies."""

from .celery import app as celery_app

__all__ = ["celery_app"]
