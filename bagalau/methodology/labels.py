"""Texts in Kazakh (the source), Russian and English."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

LANGUAGES = ("kk", "ru", "en")


@dataclass(frozen=True, slots=True)
class Label:
    """One text in the three working languages; Kazakh is the legal source."""

    kk: str
    ru: str
    en: str

    def get(self, language: str) -> str:
        """The text in `language` ("kk", "ru" or "en"; region suffix ignored), else Kazakh."""
        code = language.split("-")[0].split("_")[0].lower()
        return str(getattr(self, code)) if code in LANGUAGES else self.kk

    @classmethod
    def from_mapping(cls, data: Mapping[str, object], where: str) -> Label:
        """Build from a mapping with kk/ru/en keys, refusing a missing or empty text."""
        texts: dict[str, str] = {}
        for language in LANGUAGES:
            value = data.get(language)
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"{where}: missing the {language} text")
            texts[language] = value.strip()
        return cls(**texts)
