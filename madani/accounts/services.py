"""Writes of the accounts app: API tokens."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from .models import ApiToken

# A token's last use is written at most this often (every request would be a write).
LAST_USED_EVERY_SECONDS = 60


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, actor, name: str) -> tuple[ApiToken, str]:
    """Make a token for ``actor``; returns it and its key, which is not kept (only its digest is)."""
    key = secrets.token_hex(20)
    token = ApiToken.objects.create(user=actor, name=name.strip(), digest=token_digest(key), prefix=key[:8])
    return token, key


def api_token_revoke(*, actor, token: ApiToken) -> None:
    token.delete()


def api_token_user(key: str):
    """The active user whose token ``key`` is (None otherwise); notes when it was used."""
    token = ApiToken.objects.select_related("user").filter(digest=token_digest(key)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > LAST_USED_EVERY_SECONDS:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
