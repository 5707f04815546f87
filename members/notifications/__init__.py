"""Notifications: tell the people whose role acts on something that it happened, in the portal
and by e-mail (at once, in a daily digest, or not at all: each person's choice).

Other apps call `notify(...)` from their services, inside their transaction; see api.py.
"""

from .api import notify

__all__ = ["notify"]
