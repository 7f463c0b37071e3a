"""First-level subdivisions as country cues (communique.actors.regions)."""

from __future__ import annotations

import pycountry

from communique.actors.regions import curated_regions, region_states


def test_a_province_names_its_state() -> None:
    regions = region_states()
    assert regions["Sindh"] == "PAK"
    assert regions["Antioquia"] == "COL"
    assert regions["Norte de Santander"] == "COL"
    assert regions["California"] == "USA"


def test_names_of_several_states_short_or_generic_names_cue_none() -> None:
    regions = region_states()
    assert "Punjab" not in regions  # India and Pakistan
    assert "Amazonas" not in regions  # Brazil, Colombia, Peru, Venezuela
    assert "Huila" not in regions and "Huíla" not in regions  # Colombia and Angola, accents aside
    assert "Meta" not in regions  # too short: also a company
    assert not any(name in regions for name in ("Centre", "Est", "Nord", "North East"))


def test_regions_iso_names_miss_are_curated_with_their_states() -> None:
    regions = region_states()
    assert regions["Chechnya"] == "RUS" and regions["Tchétchénie"] == "RUS"
    assert regions["Darfur"] == "SDN" and regions["التبت"] == "CHN"
    assert all(pycountry.countries.get(alpha_3=state) for state in curated_regions().values())
