"""`pk_links`: the links to many objects of one kind are the ones `reverse` gives each."""

from django.urls import reverse

from bagalau.core.links import pk_links


def test_each_link_is_the_one_reverse_gives():
    link = pk_links("evaluations:sheet")
    for pk in (1, 7, 10, 123456789):
        assert link(pk) == reverse("evaluations:sheet", args=[pk])


def test_a_pattern_that_does_not_exist_gives_the_fallback():
    link = pk_links("evaluations:no_such_page", fallback="/roster/")
    assert link(5) == "/roster/"
