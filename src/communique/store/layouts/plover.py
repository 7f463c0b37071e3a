"""PLOVER JSON records: one object per event, fields named and ordered as in the PLOVER manual."""

from __future__ import annotations

from typing import Any

from communique.about import __version__
from communique.models import Place
from communique.store.layouts import codes, geo
from communique.store.layouts.columns import PLOVER_ENTITY_FIELDS, PLOVER_FIELDS, PLOVER_REQUIRED
from communique.store.layouts.context import ActorView, EventRow, ExportContext

Record = dict[str, Any]
CODER = f"communique-{__version__}"


def entity(view: ActorView) -> Record:
    """An actor object: ``code`` is the 3-character top level (a country, IGO or NGO), ``sector`` the rest of
    the CAMEO code (GOV; MOSOIC for the OIC)."""
    if view.sector in ("IGO", "NGO"):
        code: str | None = view.sector
        sector = view.cameo[3:] if view.cameo and len(view.cameo) > 3 else None
    else:
        code, sector = view.country, view.sector
    values: Record = {
        "code": code,
        "sector": sector,
        "entity_text": view.text,
        "identifier_id": view.wikidata,
        "identifier_text": view.name,
        "office": view.office,
    }
    return {name: values[name] for name in PLOVER_ENTITY_FIELDS if values.get(name) is not None}


def location(place: Place) -> Record:
    """A location object with GeoNames' field names (and PLOVER's ``cc3``)."""
    country = geo.country(place.country)
    values: Record = {
        "geonameid": place.geonames_id,
        "name": place.name,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "country code": country.iso2 if country else None,
        "cc3": place.country,
    }
    return {k: v for k, v in values.items() if v is not None}


def record(context: ExportContext, item: EventRow) -> Record:
    event, article, day = item.event, item.article, item.date
    actors = [v for v in (context.view(event.source, day),) if v is not None]
    seen = {(a.actor_id, a.code) for a in actors}
    target = context.view(event.target, day)
    if target is not None:
        seen.add((target.actor_id, target.code))
    for participant in event.participants:
        view = context.view(participant, day)
        if view is not None and (view.actor_id, view.code) not in seen:
            seen.add((view.actor_id, view.code))
            actors.append(view)
    sentence = article.sentences[event.sentence] if 0 <= event.sentence < len(article.sentences) else None
    end = event.date_end.as_date() if event.date_end is not None else None
    cite: Record = {
        "citation": article.id,
        "url": article.url,
        "title": article.title,
        "language": article.language,
        "publication": article.outlet,
        "coder": CODER,
    }
    values: Record = {
        "id": event.id,
        "date": codes.iso_date(day),
        "enddate": codes.iso_date(end),
        "actor": [entity(a) for a in actors],
        "recipient": [entity(target)] if target is not None else None,
        "event": [event.type],
        "event_loc": location(event.place) if event.place is not None else None,
        "event_text": [event.trigger.text],
        "quad_code": codes.PLOVER_QUAD.get(event.type),
        "event_scale": event.intensity,
        "mode": [event.mode] if event.mode else None,
        "context": list(event.context) or None,
        "text": article.sentence_text(event.sentence),
        "text_info": {"sequence": event.sentence, "start": sentence[0], "end": sentence[1]}
        if sentence
        else None,
        "cite_info": {k: v for k, v in cite.items() if v is not None},
        "coder": CODER,
    }
    return {
        name: values.get(name)
        for name in PLOVER_FIELDS
        if name in PLOVER_REQUIRED or values.get(name) is not None
    }
