from __future__ import annotations

import pytest

from communique.events import ontology as o


def test_cameo_table_loads_every_root_and_subcode() -> None:
    codes = o.cameo_codes()
    assert len(codes) >= 300
    for r in range(1, 21):
        assert f"{r:02d}" in codes
    assert codes["043"].name == "Host a visit"
    assert codes["012"].name == "Make pessimistic comment"
    assert codes["040"].name.startswith("Consult")


def test_every_code_quad_class_matches_its_root_rule() -> None:
    for code, c in o.cameo_codes().items():
        assert c.quad_class == o.quad_for_root(code[:2]), code
        assert -10.0 <= c.goldstein <= 10.0, code


def test_every_code_has_its_parents() -> None:
    codes = o.cameo_codes()
    for code in codes:
        if len(code) == 4:
            assert code[:3] in codes, code
        assert code[:2] in codes, code


def test_plover_types_and_modes_of_the_table_exist() -> None:
    types = o.plover_types()
    assert len(types) == 16
    for code, c in o.cameo_codes().items():
        if code.startswith("01"):
            assert c.plover_type is None
            continue
        assert c.plover_type in types, code
        if c.plover_mode is not None:
            assert c.plover_mode in types[c.plover_type].modes, code
    assert o.cameo("02").plover_type == "REQUEST"
    assert o.cameo("10").plover_type == "REQUEST"
    assert o.cameo("042").plover_mode == "visit"
    assert o.cameo("041").plover_mode == "phone"
    assert o.cameo("112").plover_type == "ACCUSE"
    assert o.cameo("14").plover_type == "PROTEST"


def test_lookups_fall_back_to_the_longest_prefix() -> None:
    assert o.cameo("0431").code == "043"
    assert o.cameo("0499").code == "04"
    assert o.goldstein("04") == 1.0
    assert o.goldstein("1823") == -10.0
    assert o.quad_class("16") == 3
    assert o.quad_class("1451") == 4
    with pytest.raises(KeyError):
        o.cameo("99")
    with pytest.raises(KeyError):
        o.cameo("")


def test_root_goldstein_scores() -> None:
    roots = {
        "01": 0,
        "02": 3,
        "03": 4,
        "04": 1,
        "05": 3.5,
        "06": 6,
        "07": 7,
        "08": 5,
        "09": -2,
        "10": -5,
        "11": -2,
        "12": -4,
        "13": -6,
        "14": -6.5,
        "15": -7.2,
        "16": -4,
        "17": -7,
        "18": -9,
        "19": -10,
        "20": -10,
    }
    for root, g in roots.items():
        assert o.goldstein(root) == g, root


def test_plover_types_defaults_and_intensity() -> None:
    types = o.plover_types()
    for t in types.values():
        assert t.definition
        assert t.default_cameo in o.cameo_codes()
        assert -10 <= t.intensity <= 10
        for mode, v in t.mode_intensity:
            assert mode in t.modes and -10 <= v <= 10
    assert o.plover_intensity("CONSULT") == 1.0
    assert o.plover_intensity("CONSULT", "visit") == 1.9
    assert o.plover_intensity("CONSULT", "future") == 1.0
    assert o.plover_intensity("ASSAULT") < o.plover_intensity("PROTEST") < 0 < o.plover_intensity("SUPPORT")
    assert o.plover_intensity(o.STATEMENT) == 0.0
    with pytest.raises(KeyError):
        o.plover_intensity("FLY")
    assert set(types["CONSULT"].modes) >= {"visit", "third-party", "multilateral", "phone"}
    assert set(types["ACCUSE"].modes) >= {"disapprove", "investigate", "allege"}
    assert {"future", "negation", "hypothetical", "historical"} <= set(o.auxiliary_modes())
    assert "diplomatic" in o.contexts() and "human_rights" in o.contexts()
