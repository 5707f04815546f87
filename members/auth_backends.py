"""Authentication backends that keep the signed-in user, with the memberships the permission
policy reads, in the cache between requests.

Every request of a signed-in user needs the user row and their memberships: two queries that
cost more than the rest of a typical member's page. They are kept with the content generation
(content_cache.py), which every save or deletion of a user, a membership or an organisation
bumps, so a deactivated account, a changed password or a revoked membership counts at the next
request. A sign-in saves `last_login` only, which bumps nothing: it forgets that one user
instead (signals.py), so that a later save of the user does not write an old `last_login` back.
"""

from allauth.account import auth_backends as allauth_backends
from django.conf import settings
from django.contrib.auth import backends as django_backends
from django.core.cache import cache

from .content_cache import read_current, store_current
from .permissions import memberships_of


def signed_in_user_key(user_id):
    return f"signed-in-user:{user_id}"


def forget_signed_in_user(user_id):
    cache.delete(signed_in_user_key(user_id))


class RemembersSignedInUser:
    def get_user(self, user_id):
        timeout = settings.OEC_FRAGMENT_CACHE_SECONDS
        if not timeout:
            return super().get_user(user_id)
        key = signed_in_user_key(user_id)
        generation, user = read_current(key)
        if user is None:
            user = super().get_user(user_id)  # None for an inactive or deleted user
            if user is None:
                return None
            memberships_of(user)  # read now, so that they are kept with the user
            store_current(key, generation, user, timeout)
        return user


class ModelBackend(RemembersSignedInUser, django_backends.ModelBackend):
    pass


class AuthenticationBackend(RemembersSignedInUser, allauth_backends.AuthenticationBackend):
    pass
