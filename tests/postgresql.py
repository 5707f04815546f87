"""What a test asks PostgreSQL from beside the connection under test: ending that connection's
session as a server restart would, or reading what it last ran."""

from django.db import connections


def from_another_connection(sql, params):
    """Run `sql` on a connection of its own to the default database; its rows."""
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    finally:
        other.close()
