"""Where the partnerships app keeps its private files."""

from members.private_files import private_storage


def get_private_storage():
    # The one private store (members.private_files: under PRIVATE_MEDIA_ROOT, no URL). A
    # callable keeps the machine's path out of the migrations.
    return private_storage
