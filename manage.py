#!/usr/bin/env python
import os
import sys


def main():
    # No environment means the development settings: SQLite under var/, eager tasks.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oec_portal.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
