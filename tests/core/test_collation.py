"""Kazakh alphabetical order."""

from bagalau.core.collation import kazakh_key, sorted_by_name


def test_kazakh_letters_sort_inside_the_alphabet():
    names = [
        "Ямалов",
        "Әлиев",
        "Ахметов",
        "Құдайбергенова",
        "Кенжебаев",
        "Іскаков",
        "Өмірзақ",
        "Ыбыраев",
        "Оспанов",
        "Ұлықбек",
        "Үмбетов",
        "Уалиев",
    ]
    assert sorted(names, key=kazakh_key) == [
        "Ахметов",
        "Әлиев",
        "Кенжебаев",
        "Құдайбергенова",
        "Оспанов",
        "Өмірзақ",
        "Уалиев",
        "Ұлықбек",
        "Үмбетов",
        "Ыбыраев",
        "Іскаков",
        "Ямалов",
    ]


def test_case_and_latin_letters():
    assert sorted_by_name(["бек", "Ақ", "Zed", "Аб"], str) == ["Аб", "Ақ", "бек", "Zed"]
