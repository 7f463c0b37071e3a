"""Arabic names and role words as running text writes them: with proclitics, and role words without article."""

from __future__ import annotations

from communique.actors.matcher import Matcher, arabic_forms, pattern


def test_a_name_with_the_article_takes_its_proclitics() -> None:
    forms = arabic_forms("العراق", "actor")
    assert {"والعراق", "بالعراق", "للعراق"} <= set(forms)
    assert "عراق" not in forms  # a state is not named without its article


def test_a_role_word_also_stands_without_its_article() -> None:
    assert {"جنود", "للجنود", "والجنود"} <= set(arabic_forms("الجنود", "role"))


def test_a_role_word_is_found_in_its_other_cases() -> None:
    assert {"متظاهرون", "متظاهرو", "والمتظاهرون"} <= set(arabic_forms("المتظاهرين", "role"))
    assert "جنديا" in arabic_forms("جندي", "role")
    assert "العراقا" not in arabic_forms("العراق", "actor")  # a name keeps its one form


def test_a_role_word_without_its_article_is_no_function_word() -> None:
    assert "إمام" not in arabic_forms("الإمام", "role")  # "أمام", "in front of", once folded


def test_latin_names_have_no_arabic_forms() -> None:
    assert arabic_forms("Iraq", "actor") == []


def test_the_matcher_finds_a_name_behind_a_proclitic() -> None:
    names = [pattern("العراق", "IRQ", "actor")]
    names += [pattern(form, "IRQ", "actor") for form in arabic_forms("العراق", "actor")]
    matcher = Matcher(names)
    text = "وصل الوفد بالعراق أمس"
    (found,) = matcher.find(text)
    assert text[found.start : found.end] == "بالعراق" and found.patterns[0].target == "IRQ"
