"""Sealed 360 ballots (issue 8 item 3; threat model: docs/threat-model-360.md).

A ballot is one submitted questionnaire, kept until the campaign closes:

- sealed with AES-256-GCM under a key derived from the server's SECRET_KEY for this campaign
  (`salted_hmac`; SECRET_KEY_FALLBACKS are tried when opening, so a key rotation during a
  campaign loses nothing). The key is never stored: a database or backup reader sees random
  bytes of a fixed length per form. The associated data binds a ballot to its campaign and target
  (a ballot moved to another target does not open);
- the plaintext is one byte for the channel (web or paper) and one byte per statement in the
  form's order: every ballot of a form has the same length;
- with every new ballot of a target, all the target's ballots are opened, shuffled with the
  system's random source, sealed again with fresh nonces and rewritten under new random UUIDs in
  one transaction. Row keys, physical positions (ctid) and transaction ids (xmin) of the target's
  ballots are then the same kind of noise for each of them: none tells which came last.

`aggregate` opens them when the campaign closes; the caller writes totals and deletes the rows.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.utils.crypto import salted_hmac

from bagalau.methodology import sjc2023 as engine
from bagalau.surveys.models import Ballot, Target

VERSION = b"\x01"
NONCE_BYTES = 12
WEB, PAPER = 0, 1
_KEY_SALT = "bagalau.surveys.ballot"


class BallotError(Exception):
    """A ballot cannot be opened (wrong key, altered bytes, moved to another target)."""


def _secrets() -> list[str]:
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def _key(campaign_id: int, secret: str) -> bytes:
    return salted_hmac(
        _KEY_SALT, f"campaign:{campaign_id}", secret=secret, algorithm="sha256"
    ).digest()


def _aad(campaign_id: int, target_id: int) -> bytes:
    return f"bagalau-360:{campaign_id}:{target_id}".encode()


def seal(campaign_id: int, target_id: int, plaintext: bytes) -> bytes:
    """Encrypt a ballot (or a scan) for this campaign and target with the current key."""
    nonce = os.urandom(NONCE_BYTES)
    box = AESGCM(_key(campaign_id, settings.SECRET_KEY))
    return VERSION + nonce + box.encrypt(nonce, plaintext, _aad(campaign_id, target_id))


def unseal(campaign_id: int, target_id: int, sealed: bytes | memoryview) -> bytes:
    """Decrypt what `seal` wrote, trying the current key, then the fallbacks."""
    data = bytes(sealed)
    if data[:1] != VERSION or len(data) < 1 + NONCE_BYTES + 16:
        raise BallotError("Not a sealed 360 ballot.")
    nonce, body = data[1 : 1 + NONCE_BYTES], data[1 + NONCE_BYTES :]
    for secret in _secrets():
        try:
            return AESGCM(_key(campaign_id, secret)).decrypt(
                nonce, body, _aad(campaign_id, target_id)
            )
        except InvalidTag:
            continue
    raise BallotError("A sealed 360 ballot does not open with the server's keys.")


# --- the plaintext -------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenBallot:
    """A ballot once opened: the channel and the answers per competency."""

    paper: bool
    answers: dict[str, list[int]]


def encode(form: engine.SurveyForm, answers: Mapping[str, Sequence[int]], *, paper: bool) -> bytes:
    """The fixed-length plaintext: channel, then every answer in the form's order."""
    values = [int(v) for c in form.competencies for v in answers[c.code]]
    return bytes([PAPER if paper else WEB, *values])


def decode(form: engine.SurveyForm, plaintext: bytes) -> OpenBallot:
    """The inverse of `encode` (checked against the form's length)."""
    expected = 1 + sum(len(c.statements) for c in form.competencies)
    if len(plaintext) != expected or plaintext[0] not in (WEB, PAPER):
        raise BallotError("A 360 ballot does not fit its form.")
    answers: dict[str, list[int]] = {}
    position = 1
    for competency in form.competencies:
        count = len(competency.statements)
        answers[competency.code] = list(plaintext[position : position + count])
        position += count
    return OpenBallot(paper=plaintext[0] == PAPER, answers=answers)


# --- the store -----------------------------------------------------------------------------------


def _shuffled(items: list[bytes]) -> list[bytes]:
    result = list(items)
    secrets.SystemRandom().shuffle(result)
    return result


def add(target: Target, plaintexts: Iterable[bytes]) -> int:
    """Add ballots to a target (inside the caller's transaction, the campaign locked): every
    ballot of the target is opened, the lot shuffled, sealed afresh and rewritten under new
    random keys. Returns how many ballots the target now has."""
    campaign_id = target.campaign_id
    current = [
        unseal(campaign_id, target.pk, sealed)
        for sealed in Ballot.objects.filter(target=target).values_list("sealed", flat=True)
    ]
    lot = _shuffled([*current, *plaintexts])
    Ballot.objects.filter(target=target).delete()
    Ballot.objects.bulk_create(
        Ballot(target=target, sealed=seal(campaign_id, target.pk, plaintext)) for plaintext in lot
    )
    return len(lot)


def opened(
    targets: Sequence[Target], forms: Mapping[str, engine.SurveyForm]
) -> dict[int, list[OpenBallot]]:
    """Every ballot of the targets, opened (at close): ``{target_id: [OpenBallot]}``."""
    by_pk = {target.pk: target for target in targets}
    result: dict[int, list[OpenBallot]] = {pk: [] for pk in by_pk}
    for target_id, sealed in Ballot.objects.filter(target_id__in=by_pk).values_list(
        "target_id", "sealed"
    ):
        target = by_pk[target_id]
        plaintext = unseal(target.campaign_id, target_id, sealed)
        result[target_id].append(decode(forms[target.form], plaintext))
    return result
