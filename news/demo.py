"""Demo data of the news app for `manage.py seed_demo` (DESIGN.md's demo data contract)."""


def seed(*, organisations, users):
    """Create or update this app's demo rows idempotently; `organisations` are by slug."""
