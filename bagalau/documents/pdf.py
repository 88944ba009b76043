"""Printing the forms as PDF with WeasyPrint: a Django template, the print stylesheet of
``static/documents/print.css`` and the DejaVu fonts from the local disk.

Nothing is fetched from the network: the URL fetcher only opens the font files and the app's own
static files, so a template can never make the server call out (and a PDF renders the same
offline). The fonts are declared with ``@font-face`` so the Kazakh letters (ә, ғ, қ, ң, ө, ұ, ү,
һ, і) are embedded whatever fontconfig would have chosen.

The forms are printed in the legal language, Kazakh, unless ``?lang=ru`` / ``?lang=en`` asks for a
reading copy; their fixed wording is in FORM_LABELS of documents.form_labels (the seed's text for
Kazakh), the methodology's texts come from the engine (``Label.get(language)``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from bagalau.core.downloads import private_download
from bagalau.documents.form_labels import FORM_LABELS

if TYPE_CHECKING:
    from bagalau.org.models import Servant

PRINT_LANGUAGES = ("kk", "ru", "en")
DEFAULT_PRINT_LANGUAGE = "kk"

STATIC_DIR = Path(__file__).resolve().parent / "static" / "documents"
PRINT_CSS = STATIC_DIR / "print.css"

#: Where the DejaVu fonts may live (Debian/Ubuntu, Fedora/Alpine, Arch); the setting
#: DOCUMENTS_FONT_DIR comes first when a deployment keeps them elsewhere.
FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
)

#: (family, weight, style) -> file name.
FONT_FILES = {
    ("DejaVu Sans", "normal", "normal"): "DejaVuSans.ttf",
    ("DejaVu Sans", "bold", "normal"): "DejaVuSans-Bold.ttf",
    ("DejaVu Sans", "normal", "italic"): "DejaVuSans-Oblique.ttf",
    ("DejaVu Sans", "bold", "italic"): "DejaVuSans-BoldOblique.ttf",
    ("DejaVu Serif", "normal", "normal"): "DejaVuSerif.ttf",
    ("DejaVu Serif", "bold", "normal"): "DejaVuSerif-Bold.ttf",
    ("DejaVu Serif", "normal", "italic"): "DejaVuSerif-Italic.ttf",
    ("DejaVu Serif", "bold", "italic"): "DejaVuSerif-BoldItalic.ttf",
}


def print_language(requested: str | None) -> str:
    """The language to print in: kk, ru or en (Kazakh, the legal form, when not asked)."""
    code = (requested or "").strip().lower()[:2]
    return code if code in PRINT_LANGUAGES else DEFAULT_PRINT_LANGUAGE


# --- fonts and the network-free fetcher ----------------------------------------------------------


@cache
def font_dir() -> Path:
    """The directory holding the DejaVu font files."""
    configured = getattr(settings, "DOCUMENTS_FONT_DIR", "") or os.environ.get(
        "DOCUMENTS_FONT_DIR", ""
    )
    candidates = ([configured] if configured else []) + list(FONT_DIRS)
    for candidate in candidates:
        path = Path(candidate)
        if (path / "DejaVuSans.ttf").is_file() and (path / "DejaVuSerif.ttf").is_file():
            return path.resolve()
    raise ImproperlyConfigured(
        "The DejaVu fonts were not found (install fonts-dejavu-core or set DOCUMENTS_FONT_DIR); "
        f"looked in {', '.join(candidates)}."
    )


@cache
def font_face_css() -> str:
    """``@font-face`` rules pointing at the local DejaVu files (missing variants are skipped;
    the renderer then synthesises them from the regular face)."""
    directory = font_dir()
    rules = []
    for (family, weight, style), filename in FONT_FILES.items():
        path = directory / filename
        if path.is_file():
            rules.append(
                f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
                f'font-style: {style}; src: url("{path.as_uri()}"); }}'
            )
    return "\n".join(rules)


@cache
def _fetcher_class() -> type:
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):  # type: ignore[misc]
        """Opens data: URLs and files under the font and static directories; refuses everything
        else (http, https, ftp, other files), so rendering never touches the network."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            scheme = parts.scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme != "file":
                raise ValueError(f"refused to fetch {url!r}: documents use local files only")
            path = Path(unquote(parts.path)).resolve()
            if not any(path.is_relative_to(root) for root in _allowed_roots()):
                raise ValueError(f"refused to read {path}: outside the fonts and static files")
            return super().fetch(url, headers)

    return LocalOnlyFetcher


def _allowed_roots() -> tuple[Path, ...]:
    return (font_dir(), STATIC_DIR.resolve())


def local_fetcher() -> Any:
    """A WeasyPrint URL fetcher that never leaves the machine."""
    return _fetcher_class()(allowed_protocols=("file", "data"), allow_redirects=False, timeout=1)


# --- rendering -----------------------------------------------------------------------------------


def _css_string(text: str) -> str:
    """A CSS string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


def page_css(language: str, *, landscape: bool = False) -> str:
    """The page box: A4 (landscape for the wide tables), with the running footer
    "page X of Y" and the confidentiality note in the print language."""
    labels = FORM_LABELS[language]
    counter = {
        "kk": 'counter(pages) " беттің " counter(page) "-беті"',
        "ru": '"Страница " counter(page) " из " counter(pages)',
        "en": '"Page " counter(page) " of " counter(pages)',
    }[language]
    size = "A4 landscape" if landscape else "A4"
    return (
        f"@page {{ size: {size}; "
        f"@bottom-right {{ content: {counter}; }} "
        f"@bottom-left {{ content: {_css_string(labels['confidential'])}; }} }}"
    )


def render_pdf(
    template_name: str, context: dict[str, Any], *, language: str, landscape: bool = False
) -> bytes:
    """Render a template of templates/documents/ to PDF bytes in `language`."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    language = print_language(language)
    with translation.override(language):
        html = render_to_string(
            template_name,
            {
                **context,
                "L": FORM_LABELS[language],
                "lang": language,
                "page_css": page_css(language, landscape=landscape),
            },
        )
    fetcher = local_fetcher()
    fonts = FontConfiguration()
    stylesheets = [
        CSS(string=font_face_css(), font_config=fonts, url_fetcher=fetcher),
        CSS(filename=str(PRINT_CSS), font_config=fonts, url_fetcher=fetcher),
    ]
    document = HTML(string=html, base_url=str(STATIC_DIR) + os.sep, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(stylesheets=stylesheets, font_config=fonts)
    return pdf


@dataclass(frozen=True)
class PdfFile:
    """A rendered document and the name it downloads under."""

    filename: str
    content: bytes


def servant_file_name(servant: Servant) -> str:
    """The servant's surname as a download's name carries it: its letters and digits ("servant"
    when there are none)."""
    return "".join(ch for ch in servant.last_name if ch.isalnum()) or "servant"


def pdf_response(document: PdfFile) -> HttpResponse:
    """The download: a PDF attachment that no cache keeps (results are confidential, p.15)."""
    return private_download(
        document.content, content_type="application/pdf", filename=document.filename
    )


# --- the printed values --------------------------------------------------------------------------


def printed_name(item: Any, language: str) -> str:
    """A trilingual name (organisation, unit, position) in the print language, else Kazakh."""
    return str(getattr(item, f"name_{language}", "") or item.name_kk)


# --- the forms' fixed wording (documents.form_labels) -------------------------------------------


def label(language: str, key: str, **params: Any) -> str:
    """One fixed text of the forms in `language`, with its named placeholders filled."""
    text = FORM_LABELS[print_language(language)][key]
    return text % params if params else text
