"""A refused download says why in the reader's language (issue 13 item 5): the evaluatee asking
for the protocol before it is signed is told it is not signed yet — still a 403, nothing read."""

from __future__ import annotations

import pytest
from django.utils import translation

from bagalau.audit.models import AuditEntry
from bagalau.calibration.models import SessionStatus

REASON = (
    "The protocol is not signed yet: you may read it once the head of the HR service has signed it."
)


@pytest.fixture
def unsigned(diff_case):
    session = diff_case.session
    session.protocol_signed_at = None
    session.protocol_signed_by = None
    session.protocol_posted_at = None
    session.status = SessionStatus.DECIDED
    session.save()
    return session


@pytest.mark.parametrize("language", ["en", "kk", "ru"])
def test_the_unsigned_protocol_is_refused_with_its_reason(client, world, unsigned, language):
    client.force_login(world.a_staff1_user)
    client.cookies["bagalau_language"] = language
    before = AuditEntry.objects.count()
    response = client.get(f"/documents/calibration/{unsigned.pk}/protocol.pdf")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
    with translation.override(language):
        expected = translation.gettext(REASON)
    if language != "en":
        assert expected != REASON  # translated
    assert expected in response.content.decode()
    assert AuditEntry.objects.count() == before
