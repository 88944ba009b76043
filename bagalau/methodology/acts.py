"""Who signs an edition's free-form acts, read from ``data/<edition>/acts.yaml`` (EDITIONS.md §6.2,
M-19): the act refusing familiarisation is signed by HR and two other servants under the
typical-2018 editions (p.41), by the HR servant alone under moj-2017 (p.36); moj-2017's act
refusing to sign a sheet by the HR servant and the direct manager (p.25, p.31).

Role ``hr`` is the HR servant who draws the act up; every other role is a number of servants
chosen on the act. Pure: the web app stores the chosen signers and checks them here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from bagalau.methodology.editions import Edition
from bagalau.methodology.errors import N_, MethodologyError
from bagalau.methodology.labels import Label
from bagalau.methodology.loading import DATA_DIR, node

FILE = "acts.yaml"
#: The act a servant draws up on refusing to acknowledge a result.
REFUSAL_OF_FAMILIARISATION = "refusal_of_familiarisation"
#: The act drawn up when the servant refuses to sign the sheet (moj-2017 p.25, p.31).
REFUSAL_TO_SIGN = "refusal_to_sign"
#: The role of the HR servant who draws the act up (the act's author, not chosen on it).
HR = "hr"
ROLES = (HR, "servant", "direct_manager")
#: The roles as an error names them, in the three languages (the web layer picks the reader's;
#: seed 001 p.25, p.36; seed 004 p.41: "басқа екі қызметші", two other servants).
ROLE_LABELS = {
    HR: Label(
        kk="персоналды басқару қызметінің қызметкері",
        ru="работник службы управления персоналом",
        en="HR servant",
    ),
    "servant": Label(kk="басқа қызметші", ru="другой служащий", en="other servant"),
    "direct_manager": Label(
        kk="тікелей басшы", ru="непосредственный руководитель", en="direct manager"
    ),
}


@dataclass(frozen=True, slots=True)
class ActSigners:
    """The signers an act of an edition needs: role -> how many, and the text behind it."""

    act: str
    source: str
    counts: tuple[tuple[str, int], ...]

    def count(self, role: str) -> int:
        """How many signers of `role` the act needs (0 when it needs none)."""
        return dict(self.counts).get(role, 0)

    @property
    def chosen(self) -> tuple[tuple[str, int], ...]:
        """The roles chosen on the act (every role but the HR author), with their counts."""
        return tuple((role, count) for role, count in self.counts if role != HR)


def has_act(edition: Edition, act: str) -> bool:
    """Whether the edition's data names the signers of `act`."""
    path = DATA_DIR / edition.code / FILE
    return path.is_file() and node(f"{edition.code}/{FILE}").has(act)


def act_signers(edition: Edition, act: str = REFUSAL_OF_FAMILIARISATION) -> ActSigners:
    """The signers `act` needs under `edition`; an error on ``act`` when it has no such act."""
    if not has_act(edition, act):
        raise MethodologyError(
            "act", N_("edition %(code)s has no act %(act)s"), code=edition.code, act=act
        )
    return _load(edition.code, act)


@cache
def _load(code: str, act: str) -> ActSigners:
    item = node(f"{code}/{FILE}")[act]
    counts: list[tuple[str, int]] = []
    for signer in item["signers"].seq():
        role, count = signer["role"].text(), signer["count"].integer()
        if role not in ROLES:
            raise signer["role"].fail(f"unknown role {role!r}; the roles are {ROLES}")
        if count < 1 or role in dict(counts):
            raise signer.fail("each role once, with a count of at least 1")
        counts.append((role, count))
    if dict(counts).get(HR) != 1:
        raise item["signers"].fail("an act is drawn up by one HR servant (role hr, count 1)")
    return ActSigners(act=act, source=item["source"].text(), counts=tuple(counts))


def check_signers(rule: ActSigners, roles: Iterable[str]) -> None:
    """Refuse chosen signers (their roles, the HR author left out) that differ from the rule;
    the error names the role by its label (`ROLE_LABELS`) and says "none" apart from a number."""
    held = Counter(roles)
    for role in sorted(set(held) | {role for role, _count in rule.chosen}):
        if held[role] == rule.count(role):
            continue
        label = ROLE_LABELS[role]
        if rule.count(role) == 0:
            raise MethodologyError(
                "signers",
                N_("This act needs no signer in the role of %(role)s; chosen: %(given)s."),
                role=label,
                given=held[role],
            )
        raise MethodologyError(
            "signers",
            N_("Signers in the role of %(role)s this act needs: %(count)s; chosen: %(given)s."),
            count=rule.count(role),
            role=label,
            given=held[role],
        )
