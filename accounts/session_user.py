"""The signed-in user of a request, remembered by each worker for USER_CACHE_SECONDS.

Loading the user (a query with the verified-address subquery) cost more CPU per learner request
than the rest of the middleware together. A worker keeps the row it loaded for a few seconds
and builds a fresh instance from it for each request, so nothing one request sets on its user
(permission caches, school ids) is seen by the next.

It must stay equal to django.contrib.auth.get_user, apart from that window: the session's auth
hash is checked against the remembered row on every request, and when it does not match (the
password changed), the user is loaded again and Django's own check decides. So whoever changed
their password stays signed in, and a change saved in this worker (password, deactivation, a
new address) applies at once. One made in another worker, or by a queryset update, applies within
USER_CACHE_SECONDS (5 by default); 0 turns the memo off (tests do, their rolled-back databases
reuse ids).
"""

import time

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib import auth
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import AnonymousUser
from django.core.signals import setting_changed
from django.db.models.base import ModelState
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from accounts.auth_backends import VERIFIED_ATTRIBUTE

# Enough for every person a worker serves within a few seconds; beyond it expired rows go.
MAX_REMEMBERED = 2000

# user id (as stored in the session) -> (expiry, backend path, database alias, field values,
# the session auth hash of those values: an HMAC, computed once rather than on every request)
_remembered: dict[str, tuple[float, str, str, dict, str]] = {}


def _row(user) -> dict:
    names = [field.attname for field in user._meta.concrete_fields]
    values = {name: user.__dict__[name] for name in names if name in user.__dict__}
    if VERIFIED_ATTRIBUTE in user.__dict__:
        values[VERIFIED_ATTRIBUTE] = user.__dict__[VERIFIED_ATTRIBUTE]
    return values


def _remember(user_id: str, backend_path: str, user) -> None:
    now = time.monotonic()
    if len(_remembered) >= MAX_REMEMBERED:
        for key in [key for key, entry in _remembered.items() if entry[0] < now]:
            _remembered.pop(key, None)
        if len(_remembered) >= MAX_REMEMBERED:
            _remembered.clear()
    expires = now + settings.USER_CACHE_SECONDS
    auth_hash = user.get_session_auth_hash()
    _remembered[user_id] = (expires, backend_path, user._state.db, _row(user), auth_hash)


def _recalled(user_id: str, backend_path: str):
    """The remembered user, a fresh instance, and the session auth hash of that row."""
    entry = _remembered.get(user_id)
    if entry is None or entry[1] != backend_path or entry[0] < time.monotonic():
        return None, ""
    _expires, _backend, db, values, auth_hash = entry
    model = auth.get_user_model()
    user = model.__new__(model)
    user.__dict__.update(values)
    user._state = ModelState()
    user._state.db = db
    return user, auth_hash


def forget(user_id) -> None:
    _remembered.pop(str(user_id), None)


def get_user(request):
    """django.contrib.auth.get_user, answered from the worker's memory when it may be."""
    if not settings.USER_CACHE_SECONDS:
        return auth.get_user(request)
    try:
        user_id = str(auth._get_user_session_key(request))
        backend_path = request.session[auth.BACKEND_SESSION_KEY]
    except KeyError:
        return AnonymousUser()
    user, auth_hash = _recalled(user_id, backend_path)
    if user is not None:
        session_hash = request.session.get(auth.HASH_SESSION_KEY) or ""
        if constant_time_compare(session_hash, auth_hash):
            return user
    user = auth.get_user(request)
    if user.is_authenticated and str(user.pk) == user_id:
        _remember(user_id, backend_path, user)
    else:
        forget(user_id)
    return user


class RememberedUserAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's AuthenticationMiddleware, with the user loaded through `get_user` above."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: get_user(request))


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
@receiver(post_delete, sender=settings.AUTH_USER_MODEL)
def _forget_saved_user(*, instance, **kwargs):
    forget(instance.pk)


@receiver(post_save, sender=EmailAddress)
@receiver(post_delete, sender=EmailAddress)
def _forget_address_owner(*, instance, **kwargs):
    # Whether the primary address is verified is part of the remembered row.
    forget(instance.user_id)


@receiver(setting_changed)
def _forget_all_on_setting_change(*, setting, **kwargs):
    if setting in ("USER_CACHE_SECONDS", "AUTHENTICATION_BACKENDS", "SECRET_KEY"):
        _remembered.clear()
