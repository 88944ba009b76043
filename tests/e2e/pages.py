"""Walking every page a demo login reaches, for tests/e2e/test_every_page_fits.py (issue 13 items
1, 2, 9, 12).

From the dashboard and the main menu a person's pages are found by following the links the pages
show (same site, GET, no downloads), breadth first. A page kind (the URL's route name) is opened
at most `PER_ROUTE` times: the 40 servants' pages of the structure look alike, the test opens one.
Each page is measured at the widths asked (the same load, the viewport resized; a page is
measured first at the width the previous one left, so one resize a page) and, when asked, its
visible text at the desktop width is kept for the translation check.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve
from django.utils import translation

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
WIDTHS = (DESKTOP, PHONE)
PER_ROUTE = 1
MAX_PAGES = 40
#: Not pages: downloads, the API, actions reached by a link, the login and language forms.
SKIPPED = re.compile(
    r"^/(api|i18n|static|media)/|/logout/|/(pdf|csv|xlsx|xml|download|print)/?$|\.(pdf|csv|xlsx|zip|xml)$"
)
#: The Django admin is walked for the admin: its index and each application's model list.
ADMIN = "/admin/"
ADMIN_PAGES = re.compile(r"^/admin/(\w+/)?$")
ADMIN_SKIPPED = re.compile(r"^/admin/(logout|password_change|jsi18n|r)/")

LINKS = """() => Array.from(document.querySelectorAll('a[href]'))
  .filter(a => !a.hasAttribute('download') && a.origin === location.origin)
  .map(a => a.pathname + a.search)"""
#: The element that sticks out furthest (outside any scrolling box), to name it in the failure.
WIDEST = """() => {
  const width = document.documentElement.clientWidth;
  const clipped = el => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible') return true;
    }
    return false;
  };
  let worst = null, right = width;
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.right > right + 1 && !clipped(el)) { right = box.right; worst = el; }
  }
  if (!worst) return '';
  const name = worst.tagName.toLowerCase() + (typeof worst.className === 'string' && worst.className
    ? '.' + worst.className.trim().split(/\\s+/).join('.') : '');
  return name + ' to ' + Math.round(right) + 'px: ' + (worst.innerText || '').slice(0, 50);
}"""


#: The elements of the page that scroll sideways inside it (a JavaScript expression).
_SCROLLERS = """Array.from(document.querySelectorAll('main *')).filter(el => {
  const overflow = getComputedStyle(el).overflowX;
  return (overflow === 'auto' || overflow === 'scroll') && el.scrollWidth > el.clientWidth + 1;
})"""

#: On a desktop a table has the room it needs: none scrolls inside its card (issue 13 item 2).
SCROLLING = (
    "() => "
    + _SCROLLERS
    + """.map(el => el.tagName.toLowerCase() + '.' + el.className + ' ' + el.scrollWidth + '>'
  + el.clientWidth + ': ' + (el.innerText || '').slice(0, 50))"""
)

#: A box that scrolls sideways (a wide table on a phone) and cannot take the keyboard focus: a
#: reader without a mouse cannot scroll it (WCAG 2.1.1; core/scrollers.js makes it focusable).
#: What is found is looked at again a frame later, when the page's resize handler has run.
STUCK = (
    """async () => {
  const stuck = () => """
    + _SCROLLERS
    + """.filter(el => el.tabIndex < 0);
  if (!stuck().length) return [];
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  return stuck().map(el => 'scrolls, no keyboard focus: ' + el.outerHTML.slice(0, 120));
}"""
)

#: What a screen reader cannot name: a form control without a label, a
#: progress bar or a button without a name, an id given twice (a label then names the wrong field).
UNNAMED = """() => {
  const refers = el => (el.getAttribute('aria-labelledby') || '').split(/\\s+/)
    .some(id => id && document.getElementById(id));
  const named = el => (el.getAttribute('aria-label') || '').trim() || el.getAttribute('title')
    || refers(el);
  const labelled = el => named(el) || el.closest('label')
    || (el.id && document.querySelector('label[for="' + CSS.escape(el.id) + '"]'));
  const say = (what, el) => what + ' ' + el.outerHTML.slice(0, 120);
  const found = [];
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (['hidden', 'submit', 'button', 'image', 'reset'].includes(el.type)) continue;
    if (!labelled(el)) found.push(say('no label:', el));
  }
  for (const el of document.querySelectorAll('[role=progressbar], progress')) {
    if (!named(el)) found.push(say('no name:', el));
  }
  for (const el of document.querySelectorAll('button, [role=button]')) {
    if (!el.textContent.trim() && !named(el)) found.push(say('no name:', el));
  }
  const ids = {};
  for (const el of document.querySelectorAll('[id]')) ids[el.id] = (ids[el.id] || 0) + 1;
  for (const [id, count] of Object.entries(ids)) {
    if (count > 1) found.push('id given ' + count + ' times: ' + id);
  }
  return found;
}"""


@dataclass
class Visit:
    """What a page showed one person in one language."""

    url: str
    overflow: dict[int, str] = field(default_factory=dict)  # width -> the widest element
    text: str = ""
    unnamed: list[str] = field(default_factory=list)
    status: int = 200  # a server error is kept (and not measured) so the test can name it


def route_of(path: str) -> str | None:
    """The route name of a site path (None: not a page of the site)."""
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


def walkable(path: str, *, admin: bool) -> bool:
    """Whether the walk opens `path`."""
    if SKIPPED.search(urlsplit(path).path):
        return False
    if admin or path.startswith(ADMIN):
        return admin and bool(ADMIN_PAGES.match(path)) and not ADMIN_SKIPPED.match(path)
    return True


def measure(page: Any, widths: tuple[dict[str, int], ...] = WIDTHS, *, text: bool = False) -> Visit:
    """The overflow at each of `widths`: {width: widest element} for each width at which the
    document scrolls sideways, and the boxes that scroll inside the page at the desktop width;
    with `text`, the page's visible text and what it leaves unnamed (`UNNAMED`) at the desktop
    width, and the boxes that scroll without the keyboard focus (`STUCK`) at the others. The
    viewport is left at the last width measured."""
    visit = Visit(url=page.url)
    current = page.viewport_size
    for viewport in sorted(widths, key=lambda width: width != current):
        if viewport != page.viewport_size:
            page.set_viewport_size(viewport)
        if viewport == DESKTOP and (inside := page.evaluate(SCROLLING)):
            visit.overflow[viewport["width"]] = f"scrolls inside: {inside}"
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > viewport["width"]:
            visit.overflow[viewport["width"]] = f"{scroll}px wide; {page.evaluate(WIDEST)}"
        if text and viewport == DESKTOP:
            visit.text = page.locator("body").inner_text()
            visit.unnamed += page.evaluate(UNNAMED)
        elif text:
            visit.unnamed += page.evaluate(STUCK)
    return visit


def walk(
    page: Any,
    starts: list[str],
    *,
    admin: bool = False,
    follow: bool = True,
    widths: tuple[dict[str, int], ...] = WIDTHS,
    text: bool = True,
) -> list[Visit]:
    """Every page reachable from `starts` (at most PER_ROUTE per route, MAX_PAGES in all); with
    `admin`, the pages of the Django admin only (its index, each application's page). Without
    `follow`, exactly the pages `starts`. Each page is measured at `widths` (DESKTOP among them
    when `text` is kept)."""
    queue = deque(starts)
    seen: set[str] = set(starts)
    per_route: dict[str, int] = {}
    visits: list[Visit] = []
    while queue and (len(visits) < MAX_PAGES or not follow):
        path = queue.popleft()
        route = route_of(path)
        if follow and (route is None or per_route.get(route, 0) >= PER_ROUTE):
            continue
        per_route[route or ""] = per_route.get(route or "", 0) + 1
        response = page.goto(path, wait_until="domcontentloaded")
        if response is not None and response.status >= 500:
            visits.append(Visit(url=path, status=response.status))
            continue
        if (
            response is None
            or response.status != 200
            or "text/html" not in (response.headers.get("content-type", ""))
        ):
            continue
        visit = measure(page, widths, text=text)
        visit.url = path
        visits.append(visit)
        if not follow:
            continue
        for link in page.evaluate(LINKS):
            if link not in seen and walkable(link, admin=admin):
                seen.add(link)
                queue.append(link)
    return visits


# --- untranslated messages -----------------------------------------------------------------------

PLACEHOLDER = re.compile(r"%\(\w+\)[#0 +-]*\d*(?:\.\d+)?[a-zA-Z]|%[sd]|\{[^}]*\}")
#: An English sentence or phrase: two words at least, one of them of 3 letters or more.
PHRASE = re.compile(r"^(?=.*[A-Za-z]{3})[A-Za-z][A-Za-z'’-]*(?:[ ,:;.()/-]+[A-Za-z'’-]+)+[.:!?]?$")


def english_phrases(language: str) -> set[str]:
    """The English fragments of the catalogue's msgids that `language` translates differently:
    finding one of them in a page in `language` means a string escaped translation."""
    with translation.override(language):
        catalog = translation.trans_real.translation(language)._catalog  # type: ignore[attr-defined]
        phrases: set[str] = set()
        for key, value in catalog.items():
            msgid = key[0] if isinstance(key, tuple) else key
            if not msgid or not value or value == msgid or "\x04" in msgid:
                continue
            for fragment in PLACEHOLDER.split(msgid):
                fragment = fragment.strip(" ,;:()«»\"'\n")
                if len(fragment) >= 12 and PHRASE.match(fragment):
                    phrases.add(fragment)
    return phrases


def untranslated(text: str, phrases: set[str]) -> list[str]:
    """The phrases of `phrases` that `text` shows (as whole words)."""
    flat = " ".join(text.split())
    return sorted(
        phrase
        for phrase in phrases
        if phrase in flat and re.search(rf"(?<![A-Za-z]){re.escape(phrase)}(?![A-Za-z])", flat)
    )
