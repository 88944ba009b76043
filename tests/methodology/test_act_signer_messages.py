"""The refusal act's signer error reads well in each language (bagalau.methodology.acts
check_signers; seed 001 p.25, p.36): the role by its label in the reader's language, and "needs
no signer" apart from "needs N"."""

from __future__ import annotations

import pytest
from django.utils import translation

from bagalau.core.errors import DomainError
from bagalau.methodology import MethodologyError, get_edition
from bagalau.methodology.acts import REFUSAL_TO_SIGN, act_signers, check_signers

MOJ = get_edition("moj-2017")


def _error(act, roles):
    with pytest.raises(MethodologyError) as caught:
        check_signers(act_signers(MOJ, act), roles)
    return caught.value


def _in(language, error):
    with translation.override(language):
        return DomainError.from_methodology(error).message


def test_an_act_that_needs_no_such_signer_says_so():
    error = _error("refusal_of_familiarisation", ["servant", "servant"])
    assert (error.field, error.message) == (
        "signers",
        "This act needs no signer in the role of other servant; chosen: 2.",
    )
    assert _in("en", error) == error.message
    assert _in("kk", error) == (
        "Бұл актіге басқа қызметші ретінде қол қоюшы қажет емес; таңдалғаны: 2."
    )
    assert _in("ru", error) == "Этому акту не нужен подписант в роли «другой служащий»; выбрано: 2."


def test_an_act_that_needs_a_number_of_signers_says_how_many():
    error = _error(REFUSAL_TO_SIGN, [])
    assert error.message == ("Signers in the role of direct manager this act needs: 1; chosen: 0.")
    assert _in("kk", error) == (
        "Бұл актіге тікелей басшы ретінде қажет қол қоюшылар саны: 1; таңдалғаны: 0."
    )
    assert _in("ru", error) == (
        "Подписантов в роли «непосредственный руководитель» для этого акта нужно: 1; выбрано: 0."
    )


def test_the_right_signers_pass():
    check_signers(act_signers(MOJ, REFUSAL_TO_SIGN), ["direct_manager"])
    check_signers(act_signers(MOJ), [])
