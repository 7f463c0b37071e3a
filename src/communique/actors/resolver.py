"""The ``actors.resolve`` component: every actor mention of an article, resolved or explicitly not.

Mentions come from three places: knowledge-base names and titles (one multi-pattern pass over the text), the
NER of the language's parser, and pronouns. They are then coded compositionally first, as PETRARCH's agents
are: a title with a country or organisation cue ("Russian Security Council Secretary Igor Ivanov",
"secrétaire général de l'OCI") gives the code even for a person the KB does not know; the KB adds what the text
omits and ties spellings to one id, choosing among namesakes by the offices they held on the article's date.
Later mentions join the chain of an earlier one: a surname, "the president", "Son Eminence", "He".
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from communique.actors.dating import TenureEvidence, infer
from communique.actors.kb import (
    CITIZENS,
    FORMER,
    NGO,
    NOT_STATES,
    KnowledgeBase,
    RoleEntry,
    state_of,
    user_kb_dir,
)
from communique.actors.kb.build import GOVERNMENT
from communique.actors.matcher import Match, Matcher, Pattern, arabic_forms, pattern
from communique.actors.people import PersonIndex, holds, surname_key
from communique.actors.regions import region_states
from communique.cache import derived, versions
from communique.config import Config
from communique.events.places import Gazetteer, find_places, normalise
from communique.models import (
    Actor,
    ActorKind,
    Article,
    DateEvidence,
    DateProvenance,
    Mention,
    MentionKind,
    Span,
)
from communique.nlp import ParsedSentence, parse_of

_KIND_OF = {
    ActorKind.STATE: MentionKind.COUNTRY,
    ActorKind.IGO: MentionKind.ORGANISATION,
    ActorKind.NGO: MentionKind.ORGANISATION,
    ActorKind.ORGANISATION: MentionKind.ORGANISATION,
    ActorKind.ARMED_GROUP: MentionKind.ORGANISATION,
    ActorKind.PARTY: MentionKind.ORGANISATION,
    ActorKind.PERSON: MentionKind.PERSON,
    ActorKind.PLACE: MentionKind.PLACE,
    ActorKind.GROUP: MentionKind.GROUP,
}
_NER_KIND = {
    "PERSON": MentionKind.PERSON,
    "PER": MentionKind.PERSON,
    "ORG": MentionKind.ORGANISATION,
    "GPE": MentionKind.PLACE,
    "LOC": MentionKind.PLACE,
    "NORP": MentionKind.COUNTRY,
}
# Subject pronouns of the third person, singular and plural, per language.
_PRONOUNS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    # "it" refers, like "they", to an organisation, a state or a group ("Iran said it …"), not to a person
    "en": (frozenset({"he", "she"}), frozenset({"they", "it"})),
    "fr": (frozenset({"il", "elle"}), frozenset({"ils", "elles"})),
    "es": (frozenset({"él", "ella"}), frozenset({"ellos", "ellas"})),
}
_WORD = re.compile(r"\w+")
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})
# Dependencies through which a name belongs to the phrase of its head: "Foreign Minister Kamal Kharrazi".
_NAME_DEPS = frozenset({"compound", "appos", "flat", "flat:name", "conj"})
# ... and through which a collective does: "the members of the OIC delegation", "a delegation from Y".
_GROUP_DEPS = _NAME_DEPS | {"amod", "nmod", "pobj", "prep", "case"}
# Between a country/organisation cue and a title: "Iran's Foreign Minister", "Russian Security Council Secretary".
_CUE_BEFORE_TITLE = re.compile(
    r"^(?:'s|’s|'|-led)?\s*(?:[A-Z][\w-]+\s+){0,2}$"
)  # "Nicaragua's Sandinista government", "Vietnamese-led forces"
# Between a title and its organisation: "Secretary General of the OIC", "secrétaire général de l'OCI".
_TITLE_OF = re.compile(
    r"^\s*(?:of|for|de|du|des|del|de la|de l'|d'|de los|de las|der|des)\s*(?:the\s+)?$", re.IGNORECASE
)
# Why a nationality, religious or political group the parser found stays unresolved (unless a state's adjective
# qualifies it: see _peoples_of_states).
_UNKNOWN_GROUP = "a nationality, religious or political group not in the KB"
# Between a group and the state or organisation after it: as a title's, or where it comes from ("dissidents from
# Myanmar", Arabic "متطوعا من كوريا الجنوبية").
_GROUP_FROM = re.compile(_TITLE_OF.pattern.replace("(?:of|for|", "(?:of|for|from|من|", 1), re.IGNORECASE)
# Between a title (and its complement) and the name: "Foreign Minister Kamal Kharrazi", "..., l'Ayatollah".
_TITLE_TO_NAME = re.compile(
    r"^\)?\s*(?:\([^)]{1,20}\)\s*)?,?\s*(?:the\s+|l'|le\s+|la\s+|el\s+|M\.\s+|Mr\.?\s+)?$"
)
# Words that make an organisation's name a non-governmental one's, in the languages with a tagger.
_NGO_NAME = re.compile(
    r"\b(?:Association|Society|Foundation|Observatory|Watch|Human Rights|Asociación|Fundación|Observatorio|"
    r"Derechos Humanos|Fondation|Observatoire|Droits de l'Homme)\b"
)
# A capitalised word right after a place name, or "de" and one: the name is part of a longer one ("Union
# Sindical Obrera", "Valle del Guamuez"); after a shouted name, a shouted word ("VALLE DEL GUAMUEZ").
_NAME_GOES_ON = re.compile(r"[ \t]+(?:(?:de|del|de la|of)[ \t]+)?[A-ZÀ-Þ][a-zß-ÿ]")
_SHOUTED_NAME_GOES_ON = re.compile(r"[ \t]+(?:(?:DE|DEL|DE LA|OF)[ \t]+)?[A-ZÀ-Þ]{2}")
# A compass word before a place: "in northern Mali", "of southern Serbia".
_COMPASS = r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|(?:north|south)-?(?:east|west)(?:ern)?)\s+)?"
# Between a group and the state it is in ("villagers in southern Lebanon", "rebels in the Ivory Coast"; in Arabic
# after the group's adjectives, "المقاومة الوطنية الاسلامية في العراق"): where civilians, rebels or officials are
# is where they are from; not soldiers, who serve abroad.
_GROUP_IN = re.compile(
    r"^(?:\s*(?:in|en|dans|au|aux)\s+(?:the\s+|la\s+|el\s+)?"
    + _COMPASS
    + r"|(?:\s+[\u0621-\u064a]+){0,2}\s+في\s+)$",
    re.IGNORECASE,
)
# An Arabic noun right after a title: the construct state, which makes the title definite ("حاكم منطقة", a
# district's governor; "محافظ مقديشو", Mogadishu's governor).
_ARABIC_WORD_AFTER = re.compile(r"\s+[\u0621-\u064a]")
# Between a title and the place it governs: "deputy governor of the Tyumen region", "maire de Lyon".
_OF_A_NAME = re.compile(r"\s+(?:of|de|du|del|de la|d')\s*(?:the\s+|la\s+|el\s+|l')?")
# A title without a name is a mention only when the text makes it one: "the president", "OIC secretary general".
_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:the|a|his|her|its|their|le|la|les|l'|un|une|son|sa|el|los|las|der|die|das)\s*|[’'](?:s)?\s*)$",
    re.IGNORECASE,
)
# Between a name and an appositive title: "Ekmal-e-din Ihsanoglu, secrétaire général".
_NAME_TO_TITLE = re.compile(r"^\s*,\s*(?:the\s+|l'|le\s+|la\s+|el\s+)?$", re.IGNORECASE)
# A definite generic noun refers back to the organisation last named: "l'Organisation", "the organization".
_GENERIC_ORGANISATION = re.compile(
    r"\b(?:the|this|that|l'|l’|cette|la|esta|la|die|diese)\s*(organi[sz]ation|organización|organização|"
    r"organizzazione|organisation|Organisation|Organization|alliance|bloc)\b",
    re.IGNORECASE,
)
_AGAINST_OR_FOR = re.compile(r"\b(?:anti|pro)-$", re.IGNORECASE)
# A former office-holder named as such ("Ousted President Askar Akayev", "l'ancien Premier ministre", "el
# expresidente", "الرئيس السابق"): the word stands in the same clause, at most four words before the name or title.
_FORMER = re.compile(
    r"(?:\b(?:former|ousted|deposed|exiled|onetime|one-time|ex|ancienn?e?s?|déchue?|destituée?|antiguo|antigua)"
    r"(?:-|\s+)|\bex(?=presidente|presidenta|ministr|canciller|mandatari|dictador|gobernador|alcalde|primer)"
    r"|السابق[ة]?\s+)(?:[^\s,;:()\"“”]+\s+){0,4}$",
    re.IGNORECASE,
)
# The sectors of office, whose former holders CAMEO dictionaries code as elites ("[USAELI >090120]").
_OFFICE_CODE = re.compile(r"^([A-Z]{3}|---)\.(?:GOV|LEG|MIL|JUD|COP|SPY)$")
# A people named by its origin and the state it lives in: "the Albanians of southern Serbia", "les Serbes du Kosovo".
_PEOPLE_OF = re.compile(r"^\s*(?:of|de|du|del)\s+(?:the\s+|l'|la\s+|el\s+)?" + _COMPASS + "$", re.IGNORECASE)
# "ethnic Albanians": a people named by its origin, living in another state.
_ETHNIC_BEFORE = re.compile(r"\bethnic\s+$", re.IGNORECASE)
_COORDINATION = re.compile(r"^\s*(?:,|and|et|y|e|und|и)\s*$")
# Words that may stand between a cue and its title inside one noun phrase ("Nigerian junior foreign minister").
_MODIFIER_POS = frozenset({"ADJ", "NOUN", "PROPN"})
_CAPITALISED_NAME = re.compile(r"^\s*((?:[A-ZÀ-ÖØ-Þ][\w'’.-]+\s?){1,4})")


@dataclass
class Candidate:
    """A stretch of text that may name an actor, before resolution."""

    start: int
    end: int
    sentence: int
    kind: MentionKind
    actors: list[Actor] = field(default_factory=list)
    roles: list[RoleEntry] = field(default_factory=list)
    origin: str = "kb"  # kb | ner | pronoun | title-name
    plural: bool = False  # a plural pronoun ("they"), or a demonym naming people ("Libyans", "a Palestinian")
    # Set by composition: the title and organisation cue attached to a name, or a bare title's cue.
    title: RoleEntry | None = None
    cue: Actor | None = None
    subject: bool = False  # in the phrase of its clause's grammatical subject
    # a capital as its clause's subject or object: its government ("Washington warned Tehran")
    seat: bool = False
    region: str | None = None  # the state of a first-level subdivision ("Sindh": PAK)


@dataclass
class Resolution:
    actor: str | None
    code: str | None
    role: str | None
    confidence: float
    method: str
    reason: str | None = None


class ActorResolver:
    """Finds and resolves the actor mentions of articles (component ``actors.resolve``)."""

    def __init__(self, kb: KnowledgeBase, today: dt.date | None = None) -> None:
        self.kb = kb
        self.people = PersonIndex(kb)
        self.today = today or dt.date.today()

    @functools.cache  # noqa: B019  (one resolver per process; a matcher per language it meets)
    def matcher(self, language: str) -> Matcher:
        own = self._derived(f"actor-matcher-{language}", lambda: Matcher(self._patterns(language)))
        return own.beside(self._shared_matcher())

    def _patterns(self, language: str) -> list[Pattern]:
        patterns = [
            pattern(alias, actor_id, "actor")
            for alias, alias_language, actor_id in self.kb.aliases()
            if alias_language == language and self.kb.get(actor_id).kind != ActorKind.PERSON
        ]
        patterns += [
            pattern(form, f"{entry.role}\x1f{i}", "role")
            for i, entry in enumerate(self.kb.roles(language))
            for form in entry.forms
        ]
        if language == "ar":
            # a demonym inflects as a role noun does ("جزائريون", "عراقيا"); a name keeps its forms
            patterns += [
                pattern(form, p.target, p.kind)
                for p in self._patterns_of_every_language() + patterns
                for form in arabic_forms(
                    p.surface, "role" if p.kind == "role" or self.kb.is_demonym(p.surface, "ar") else p.kind
                )
            ]
        return patterns

    @functools.cache  # noqa: B019
    def _shared_matcher(self) -> Matcher:
        return self._derived("actor-matcher", lambda: Matcher(self._patterns_of_every_language()))

    def _derived(self, name: str, build: Callable[[], Matcher]) -> Matcher:
        """A matcher of a shared KB, from the disk cache (read back in a third of the time it takes to build)."""
        if self.kb.key is None:
            return build()
        return derived(name, f"{self.kb.key}|{versions('pyahocorasick')}", build, Matcher)

    def __call__(self, article: Article) -> Article:
        candidates = self.candidates(article)
        on = reference_day(article.published)
        article.mentions, evidence = self.resolve(article, candidates, on)
        if on is None:
            inferred, note = infer(article.published, article.text, evidence, self.today, article.language)
            if inferred is not None:
                article.published = inferred
                article.mentions, _ = self.resolve(article, self.candidates(article), reference_day(inferred))
            elif note is not None:
                article.warnings.append(f"publication date not pinned: {note}")
        ids = sorted({m.actor for m in article.mentions if m.actor})
        article._actors = [self.kb.get(i) for i in ids if i in self.kb]
        return article

    @functools.cache  # noqa: B019
    def _patterns_of_every_language(self) -> list[Pattern]:
        """People's names, language-neutral names ("und") and provinces' (ISO names, in their own languages): the
        same in every language's matcher, built once."""
        names = [
            pattern(alias, actor_id, "actor")
            for alias, alias_language, actor_id in self.kb.aliases()
            if alias_language == "und" or self.kb.get(actor_id).kind == ActorKind.PERSON
        ]
        regions = [
            pattern(name, state, "region")
            for name, state in region_states().items()
            if not self.kb.lookup(name)  # a state or a capital of that name: the KB's
        ]
        return names + regions

    # -- finding ---------------------------------------------------------------------------------------------

    def candidates(self, article: Article) -> list[Candidate]:
        parse = parse_of(article)
        roles = self.kb.roles(article.language)
        matches = self.matcher(article.language).find(article.text)
        dateline = article.dateline.span if article.dateline is not None else None  # "MOSCOW, May 21 -"
        places = _gazetteer_names(article)
        found: list[Candidate] = []
        for sentence in parse.sentences:
            inside = [
                m
                for m in matches
                if sentence.start <= m.start
                and m.end <= sentence.end
                and not (_only_regions(m) and _name_goes_on(article.text, m.start, m.end))
            ]
            sentence_candidates = [
                _local_place(article.text, self._from_match(m, sentence.index, roles)) for m in inside
            ]
            sentence_candidates += self._from_ner(sentence, sentence_candidates)
            sentence_candidates += _unnamed_places(places, sentence, sentence_candidates)
            sentence_candidates += self._pronouns(sentence, article.language)
            sentence_candidates += _generic_organisations(article.text, sentence, sentence_candidates)
            sentence_candidates.sort(key=lambda c: c.start)
            self._compose(article.text, sentence_candidates, sentence if sentence.parsed else None)
            for number, candidate in enumerate(sentence_candidates):
                if candidate.kind is MentionKind.OTHER and candidate.origin != "ner":
                    continue  # a title now part of its person's mention
                if sentence.parsed and not _names(candidate, sentence):
                    continue  # a role word used as an adjective or a verb ("military aid", "to press")
                if _is_credit(article.text, candidate):
                    continue  # "(WAM) –", "(RIA Novosti)": the outlet reporting, not an actor of the report
                after = sentence_candidates[number + 1] if number + 1 < len(sentence_candidates) else None
                if candidate.kind is MentionKind.NOMINAL and not _stands_for_someone(
                    article.text, candidate, after
                ):
                    continue  # a title word used as a common noun ("on the basis of justice")
                in_dateline = dateline is not None and dateline.start <= candidate.start < dateline.end
                candidate.subject = (
                    _is_subject(sentence, candidate) if sentence.parsed and not in_dateline else False
                )
                if candidate.kind is MentionKind.COUNTRY and sentence.parsed:
                    candidate.plural = self._people(article, sentence, candidate)
                elif candidate.kind is MentionKind.COUNTRY and article.language == "ar":
                    before = sentence_candidates[number - 1] if number else None
                    candidate.plural = _arabic_people(article.text, candidate, before)
                if candidate.kind is MentionKind.PLACE and sentence.parsed and not in_dateline:
                    candidate.seat = _is_argument(sentence, candidate)
                found.append(candidate)
        return found

    def _people(self, article: Article, sentence: ParsedSentence, item: Candidate) -> bool:
        """Whether a one-word demonym is a noun heading its phrase, naming people: a plural ("Libyans", "des
        Algériens", "los colombianos") or a determined singular ("a Palestinian was shot", "un colombiano"), not a
        modifier ("Iraqi Kurds", "los gobiernos colombianos")."""
        words = sentence.tokens(item.start, item.end)
        if len(words) != 1:
            return False
        word, language = words[0], article.language
        if not self.kb.is_demonym(word.text, language) or word.pos_ not in ("NOUN", "PROPN"):
            return False
        if word.dep_ in ("amod", "compound", "flat", "flat:name"):
            return False
        # the plural as the tagger reads it, or as the demonym list spells it (fr: "Algériens" tagged singular)
        return (
            "Plur" in word.morph.get("Number", [])
            or (word.text[-1:] in ("s", "S") and self.kb.is_demonym(word.text[:-1], language))
            or any(child.dep_ == "det" for child in word.children)
        )

    def _from_match(self, match: Match, sentence: int, roles: list[RoleEntry]) -> Candidate:
        actors = [self.kb.get(p.target) for p in match.patterns if p.kind == "actor"]
        entries = [roles[int(p.target.split("\x1f")[1])] for p in match.patterns if p.kind == "role"]
        if not actors and not entries:  # a province, state or department: a place of its state
            state = match.patterns[0].target
            return Candidate(
                match.start, match.end, sentence, MentionKind.PLACE, origin="region", region=state
            )
        if actors:
            actors.sort(key=lambda a: (a.kind != ActorKind.PERSON, a.id))  # a full personal name is specific
            kind = _KIND_OF.get(actors[0].kind, MentionKind.OTHER)
            return Candidate(match.start, match.end, sentence, kind, actors=actors, roles=entries)
        collective = all(e.kind == "collective" for e in entries)
        kind = MentionKind.GROUP if collective else MentionKind.NOMINAL
        return Candidate(match.start, match.end, sentence, kind, roles=entries, origin="kb")

    def _state_of_place(self, item: Candidate) -> Actor | None:
        """The state of a province or a capital the KB knows."""
        if item.region is not None:
            return self.kb.get(item.region)
        if item.actors and item.actors[0].kind is ActorKind.PLACE and item.actors[0].country in self.kb:
            return self.kb.get(str(item.actors[0].country))
        return None

    def _from_ner(self, sentence: ParsedSentence, known: list[Candidate]) -> list[Candidate]:
        out = []
        for ent in sentence.span.ents:
            kind = _NER_KIND.get(ent.label_)
            if kind is None:
                continue
            start, end = sentence.char(ent.start, ent.end)
            start, end = _trim(sentence.article_text, start, end)
            overlapping = [c for c in known if c.start < end and start < c.end]
            if (
                (
                    kind is MentionKind.PERSON
                    and overlapping
                    and all(not c.actors and start < c.start and c.end == end for c in overlapping)
                )
                or (
                    kind in (MentionKind.PERSON, MentionKind.ORGANISATION)
                    and overlapping
                    and all(c.origin == "region" and (start, end) != (c.start, c.end) for c in overlapping)
                )
                or (
                    kind is MentionKind.PERSON
                    and overlapping
                    and all(_first_name_of(sentence.article_text, c, start, end) for c in overlapping)
                )
            ):
                # a surname that is also a title ("Tom King", "John Bishop"), a name that is also a region's
                # ("César Gaviria", "Meta Platforms"), a first name that is also a state's ("Mauricio de
                # Freitas": Mauritius in Spanish): the person or organisation, not the title, region or state;
                # but the region's name alone ("ANTIOQUIA", which the tagger reads as an organisation in
                # capitals) stays the region
                known[:] = [c for c in known if c not in overlapping]
            elif overlapping:
                continue  # the KB or a title already covers it
            out.append(Candidate(start, end, sentence.index, kind, origin="ner"))
        return out

    def _pronouns(self, sentence: ParsedSentence, language: str) -> list[Candidate]:
        singular, plural = _PRONOUNS.get(language, (frozenset(), frozenset()))
        words = set(_WORD.findall(sentence.article_text[sentence.start : sentence.end].lower()))
        if words.isdisjoint(singular) and words.isdisjoint(plural):
            return []  # most sentences: no need to walk their tokens
        out = []
        for token in sentence.span:
            word = token.text.lower()
            if (word in singular or word in plural) and token.dep_ in _SUBJECT_DEPS:
                start = token.idx + sentence.offset
                out.append(
                    Candidate(
                        start,
                        start + len(token.text),
                        sentence.index,
                        MentionKind.PRONOUN,
                        origin="pronoun",
                        plural=word in plural,
                    )
                )
        return out

    def _compose(self, text: str, items: list[Candidate], sentence: ParsedSentence | None) -> None:
        """Attach titles to names and cues to titles, within one sentence."""
        parsed = sentence is not None
        for i, item in enumerate(items):
            before = items[i - 1] if i > 0 else None
            cued_before = before is not None and _modifies(text, before, item, sentence)
            if item.kind is MentionKind.GROUP and item.roles:
                after = items[i + 1] if i + 1 < len(items) else None
                if after is not None and _arabic_construct(text, item, after):
                    # one group, the head's: "حراس الأمن", the security guards; a generic head takes its
                    # complement's sector, as "military officials" does ("قادة الجيش", the army's leaders)
                    if item.roles[0].sector == "GOV":
                        item.roles = [after.roles[0], *item.roles]
                    item.end, after.kind = after.end, MentionKind.OTHER
                    after = items[i + 2] if i + 2 < len(items) else None
                if (
                    before is not None
                    and before.kind is MentionKind.GROUP
                    and before.roles
                    and item.roles[0].sector == "GOV"
                    and not text[before.end : item.start].strip()
                ):
                    # "rebel leaders", "military officials", "opposition leaders": the generic head takes
                    # its modifier's sector
                    item.roles = [before.roles[0], *item.roles]
                if cued_before and before is not None:
                    item.cue = _cue_of(before)  # "Israeli intelligence officials", "Serbian military police"
                elif (
                    before is not None
                    and not text[before.end : item.start].strip()
                    and (state := self._state_of_place(before))
                ):
                    item.cue = state  # "Kabul police", "Baghdad University", "Sindh police"
                elif (
                    before is not None
                    and before.kind is MentionKind.GROUP
                    and before.cue is not None
                    and _COORDINATION.match(text[before.end : item.start])
                ):
                    item.cue = before.cue  # "Israeli helicopters and tanks", "la police et l'armée syriennes"
                elif after and _is_cue(after) and re.match(r"^\s*$", text[item.end : after.start]):
                    item.cue = after.actors[0]  # "la police française", "las fuerzas colombianas"
                elif after and _is_cue(after) and _GROUP_FROM.match(text[item.end : after.start]):
                    item.cue = after.actors[0]  # "the leaders of the OIC", "dissidents from Myanmar"
                elif after and (state := self._state_of_place(after)) and _from_place(text, item, after):
                    item.cue = state  # "villagers from Kandahar province"; Arabic "شرطة إسلام آباد"
                elif (
                    after
                    and after.actors
                    and after.actors[0].kind is ActorKind.STATE
                    and item.roles[0].sector != "MIL"
                    and _GROUP_IN.match(text[item.end : after.start])
                ):
                    # "a village in western Cambodia", "rebels in the Ivory Coast"
                    item.cue = after.actors[0]
                continue
            if item.kind not in (MentionKind.NOMINAL,) or not item.roles:
                continue
            title = item.roles[0]
            after = items[i + 1] if i + 1 < len(items) else None
            j = i + 1
            if cued_before and before is not None:
                item.cue = _cue_of(before)
            elif after is not None and _is_cue(after) and not text[item.end : after.start].strip():
                item.cue = after.actors[0]  # "le président iranien (Hassan Rohani)", "الرئيس الأميركي"
                j += 1
            if j < len(items) and _is_cue(items[j]) and _TITLE_OF.match(text[item.end : items[j].start]):
                item.cue = items[j].actors[0]
                j += 1
                # skip the organisation's acronym in brackets: "... Conference (OIC) Abdelouahed Belkeziz"
                if (
                    j < len(items)
                    and _is_cue(items[j])
                    and items[j].actors[0].id == items[j - 1].actors[0].id
                ):
                    j += 1
            elif (
                j < len(items)
                and items[j].region in self.kb
                and _TITLE_OF.match(text[item.end : items[j].start])
            ):
                item.cue = self.kb.get(str(items[j].region))  # "the governor of Kandahar province"
                j += 1
            name = self._name_after(text, items, i, j, parsed)
            if (
                name is None
                and before is not None
                and before.kind == MentionKind.PERSON
                and _NAME_TO_TITLE.match(text[before.end : item.start])
            ):
                name = before
            if name is not None:
                name.title, name.cue = title, item.cue
                item.kind = MentionKind.OTHER  # the title is now part of the person's mention
                after_name = next((c for c in items if c.start >= name.end), None)
                if (
                    name.cue is None
                    and after_name is not None
                    and _is_cue(after_name)
                    and _TITLE_OF.match(text[name.end : after_name.start])
                ):
                    name.cue = after_name.actors[0]  # "King Hassan of Morocco"
            else:
                item.title = title

    def _name_after(
        self, text: str, items: list[Candidate], i: int, j: int, parsed: bool
    ) -> Candidate | None:
        anchor = items[j - 1] if j - 1 > i else items[i]
        if j < len(items) and items[j].kind == MentionKind.PERSON:
            gap = text[anchor.end : items[j].start]
            complement = text[items[i].end : items[j].start]
            if _TITLE_TO_NAME.match(gap) or re.match(
                r"^\s+(?:of|de)\s[^,.;]{0,60},\s*(?:the\s+|l'|le\s+)?$", complement
            ):
                return items[j]
        if not parsed:  # no NER: the capitalised words right after a title are the name
            found = _CAPITALISED_NAME.match(text[anchor.end : anchor.end + 80])
            if found and found.start(1) <= 2:
                start = anchor.end + found.start(1)
                name = Candidate(
                    start, start + len(found.group(1).rstrip()), items[i].sentence, MentionKind.PERSON
                )
                name.origin = "title-name"
                items.append(name)
                return name
        return None

    # -- resolving -------------------------------------------------------------------------------------------

    def resolve(
        self, article: Article, candidates: list[Candidate], on: dt.date | None
    ) -> tuple[list[Mention], list[TenureEvidence]]:
        """Mentions in text order, and the office-holders named with their offices (to date the article)."""
        text = article.text
        history: list[tuple[Candidate, Resolution]] = []
        chains: dict[str, int] = {}
        mentions: list[Mention] = []
        evidence: list[TenureEvidence] = []
        for number, item in enumerate(sorted(candidates, key=lambda c: c.start)):
            resolution = self._resolve_one(text, item, history, on, article)
            if item.kind in (MentionKind.PERSON, MentionKind.NOMINAL):
                resolution = _as_former(text, item, resolution)
            history.append((item, resolution))
            chain = None
            if resolution.actor is not None:
                chain = chains.setdefault(resolution.actor, len(chains))
            if (
                item.kind == MentionKind.PERSON
                and item.title is not None
                and resolution.method.startswith("kb:")
            ):
                assert resolution.actor is not None
                organisation = item.cue.id if item.cue is not None else None
                offices = frozenset(self.kb.offices_for(item.title.role))
                surface = f"{item.title.role} {text[item.start : item.end]}"
                evidence.append(TenureEvidence(self.kb.get(resolution.actor), offices, organisation, surface))
            mentions.append(
                Mention(
                    id=f"{article.id}:m{number}",
                    sentence=item.sentence,
                    span=Span.of(text, item.start, item.end),
                    kind=item.kind,
                    actor=resolution.actor,
                    code=resolution.code,
                    role=resolution.role,
                    confidence=resolution.confidence,
                    chain=chain,
                    method=resolution.method,
                    unresolved_reason=resolution.reason,
                    subject=item.subject,
                )
            )
        named = _named_by_role(text, _spelled_out(text, mentions))
        placed = _gazetteer_places(_peoples_of_states(article, named))
        return _sentence_countries(_ethnic_minorities(self.kb, text, placed)), evidence

    def _resolve_one(
        self,
        text: str,
        item: Candidate,
        history: list[tuple[Candidate, Resolution]],
        on: dt.date | None,
        article: Article,
    ) -> Resolution:
        surface = text[item.start : item.end]
        if item.kind == MentionKind.PRONOUN or item.origin == "generic":
            return _antecedent(item, history)
        if item.region is not None:
            return Resolution(
                None, item.region, None, 0.8, "region", "a province or state of a country: coded as its state"
            )
        if item.origin == "local":
            return Resolution(None, None, None, 0.0, "unresolved", _LOCAL_PLACE)
        if item.origin == "ner":
            self._correct_ner_kind(surface, item, history, article.language)
        if item.kind == MentionKind.PERSON:
            return self._person(surface, item, history, on, article)
        if item.kind == MentionKind.NOMINAL and item.title is not None:
            return self._nominal(item, history, on)
        if item.kind == MentionKind.GROUP and item.roles:
            entry = item.roles[0]
            if item.cue is not None:  # "Syrian soldiers", "la police française"
                return Resolution(
                    item.cue.id, self._compose_code(item.cue, entry), entry.role, 0.7, "title+cue"
                )
            return _by_sector(entry, "a group with no country: coded by sector", 0.5, "title:collective")
        if item.actors:
            actor = item.actors[0]
            confidence = 0.6 if self.kb.is_ambiguous(surface) else 0.95
            code = self.kb.code(actor.id, on)
            if item.plural and actor.kind == ActorKind.STATE and "." not in code:
                # its people, not the state: "Thousands of Libyans protested", "des Algériens"
                return Resolution(actor.id, f"{code}.{CITIZENS}", None, confidence, "kb:name+people")
            if item.seat and actor.kind == ActorKind.PLACE and "." not in code:
                # a capital that acts is its government, as CAMEO's dictionaries code "Kabul": AFGGOV
                return Resolution(actor.id, f"{code}.{GOVERNMENT}", None, confidence, "kb:name+seat")
            return Resolution(actor.id, code, None, confidence, "kb:name")
        if item.origin == "ner" and item.actors:
            found = item.actors[0]
            return Resolution(found.id, self.kb.code(found.id, on), None, 0.8, "kb:ner")
        if item.kind == MentionKind.COUNTRY:  # NER's nationalities, religions, political groups ("Muslim")
            item.kind = MentionKind.GROUP
            return Resolution(None, None, None, 0.0, "unresolved", _UNKNOWN_GROUP)
        if item.kind is MentionKind.ORGANISATION and _NGO_NAME.search(surface):
            # "the Association of African Jurists", "Syrian Observatory for Human Rights": CAMEO's NGO
            return Resolution(None, NGO, None, 0.5, "name:ngo")
        return Resolution(None, None, None, 0.0, "unresolved", f"{item.kind.value} not in the knowledge base")

    def _correct_ner_kind(
        self, surface: str, item: Candidate, history: list[tuple[Candidate, Resolution]], language: str
    ) -> None:
        """NER labels are corrected by the KB and the article: "Dakar" PERSON is a place, "Belkeziz" GPE a person."""
        found = self.kb.lookup(surface, language)
        if item.kind == MentionKind.PERSON:
            if found and found[0].kind != ActorKind.PERSON:
                item.actors, item.kind = found, _KIND_OF.get(found[0].kind, MentionKind.OTHER)
            return
        if found:
            item.actors = found
            item.kind = _KIND_OF.get(found[0].kind, item.kind)
        elif _earlier_namesake(surface, history) is not None or (
            item.kind == MentionKind.PLACE and len(self.people.candidates(surface)) == 1
        ):
            item.kind = MentionKind.PERSON

    def _person(
        self,
        surface: str,
        item: Candidate,
        history: list[tuple[Candidate, Resolution]],
        on: dt.date | None,
        article: Article,
    ) -> Resolution:
        role = item.title.role if item.title else None
        offices = self.kb.offices_for(role) if role else None
        organisation = item.cue.id if item.cue else None
        # 1. a name the KB knows in full, or 2. a surname seen earlier in this article, or 3. a surname in the KB
        people = [a for a in item.actors if a.kind == ActorKind.PERSON]
        method = "kb:name"
        if not people:
            earlier = _earlier_namesake(surface, history)
            if earlier is not None:
                return Resolution(earlier.actor, earlier.code, earlier.role, earlier.confidence, "chain:name")
            people = [c.actor for c in self.people.candidates(surface)]
            method = "kb:surname"
        if role or organisation:
            fitting = [p for p in people if holds(p, offices, organisation, None)]
            people = fitting or ([] if organisation else people)
        if on is not None and len(people) > 1:
            people = [p for p in people if holds(p, None, None, on)] or people
        if len(people) > 1:
            people = self._by_context(people, article) or people
        if len(people) == 1:
            person = people[0]
            confidence = (0.95 if method == "kb:name" else 0.85) if (role or organisation) else 0.8
            return Resolution(person.id, self.kb.code(person.id, on), role, confidence, method)
        if item.cue is not None:  # compositional: the title and its country or organisation give the code
            return Resolution(item.cue.id, self._compose_code(item.cue, item.title), role, 0.7, "title+cue")
        if people:
            return Resolution(
                None, None, role, 0.0, "unresolved", f"ambiguous: {', '.join(p.id for p in people)}"
            )
        if item.title is not None:  # "Prime Minister Mahendra Chaudhry": the sector is known, the country not
            return _by_sector(item.title, "a person not in the knowledge base, with no country cue")
        reason = "a single name with no title, earlier full name or KB entry"
        if len(surface.split()) > 1:
            reason = "a person not in the knowledge base, with no title, country or organisation cue"
        else:
            item.kind = MentionKind.OTHER
        return Resolution(None, None, role, 0.0, "unresolved", reason)

    def _nominal(
        self, item: Candidate, history: list[tuple[Candidate, Resolution]], on: dt.date | None
    ) -> Resolution:
        """A title standing for a person: "the president", "OIC secretary general", "Son Eminence"."""
        assert item.title is not None
        entry = item.title
        offices = set(entry.offices) | {entry.role}
        for earlier, resolution in reversed(history):
            if resolution.actor is None or earlier.kind not in (MentionKind.PERSON, MentionKind.NOMINAL):
                continue
            actor = self.kb.get(resolution.actor) if resolution.actor in self.kb else None
            organisation = item.cue.id if item.cue else None
            same_cue = item.cue is not None and earlier.cue is not None and earlier.cue.id == item.cue.id
            fits = (
                resolution.role == entry.role
                or (
                    same_cue and resolution.role is not None
                )  # "the Malaysian minister" after "Malaysian FM X"
                or (
                    actor is not None
                    and actor.kind == ActorKind.PERSON
                    and holds(actor, offices, organisation, on)
                )
            )
            if fits and (item.cue is None or earlier.cue is None or earlier.cue.id == item.cue.id):
                return Resolution(resolution.actor, resolution.code, entry.role, 0.75, "chain:title")
        if item.cue is not None and on is not None:
            holders = self.kb.holders(entry.role, item.cue.id, on)
            if len(holders) == 1:
                return Resolution(
                    holders[0].id, self.kb.code(holders[0].id, on), entry.role, 0.8, "kb:office-holder"
                )
        if item.cue is not None:
            return Resolution(item.cue.id, self._compose_code(item.cue, entry), entry.role, 0.6, "title+cue")
        if entry.kind == "honorific":
            return _antecedent(item, history)
        return _by_sector(entry, "a title with no name, cue or antecedent")

    def _compose_code(self, cue: Actor, title: RoleEntry | None) -> str:
        base = self.kb.code(cue.id)
        if cue.kind in (ActorKind.IGO, ActorKind.NGO, ActorKind.ARMED_GROUP) or title is None or "." in base:
            return base  # an organisation's people are coded as it is ("IGO.OIC", "IMG")
        return f"{base}.{title.sector}"

    def _by_context(self, people: list[Actor], article: Article) -> list[Actor]:
        """Among namesakes, those with an office in a state or organisation the article names."""
        named = {a.id for c in self._named_actors(article) for a in c}
        return [p for p in people if any(o.organisation in named for o in p.offices)]

    def _named_actors(self, article: Article) -> Iterator[list[Actor]]:
        for match in self.matcher(article.language).find(article.text):
            yield [self.kb.get(p.target) for p in match.patterns if p.kind == "actor"]


def _by_sector(entry: RoleEntry, reason: str, confidence: float = 0.4, method: str = "title") -> Resolution:
    """CAMEO/PLOVER's convention for a known sector of an unknown country ("---.MIL"); the sentence's one
    country, when it names just one, fills it in later (:func:`_sentence_countries`)."""
    return Resolution(None, f"---.{entry.sector}", entry.role, confidence, method, reason)


def _as_former(text: str, item: Candidate, resolution: Resolution) -> Resolution:
    """A person or title the text calls former ("former prime minister Papandreou") is coded ``<ISO3>.ELI``,
    whatever office the knowledge base says they hold that day."""
    office = _OFFICE_CODE.match(resolution.code or "")
    if office is None:
        return resolution
    before = text[max(0, item.start - 80) : item.start].split("\n")[-1]
    if not _FORMER.search(before):
        return resolution
    return replace(resolution, code=f"{office.group(1)}.{FORMER}", method=f"{resolution.method}+former")


# The dependencies of a word that is an argument or a nominal of its own, not a modifier.
_NOMINAL_DEPS = frozenset(
    {"nsubj", "nsubj:pass", "nsubjpass", "obj", "dobj", "iobj", "obl", "obl:agent", "pobj", "agent", "appos"}
)


def _names(item: Candidate, sentence: ParsedSentence) -> bool:
    """Whether a KB match is used as a name: not a role word that the parse reads as an adjective or a verb,
    unless the adjective stands as an argument itself ("asesinada por paramilitares": an adjective used as a
    noun, as Spanish and French do) or qualifies a word that only says it is a group ("grupos paramilitares") or
    names an attack ("los atentados guerrilleros": the guerrillas')."""
    if item.actors:
        return True
    words = [t for t in sentence.tokens(item.start, item.end) if not t.is_punct]
    return not words or any(
        t.pos_ not in ("ADJ", "VERB")
        or (
            t.pos_ == "ADJ"
            and (t.dep_ in _NOMINAL_DEPS or t.head.lemma_.casefold() in _GROUP_OR_ATTACK_NOUNS)
        )
        for t in words
    )


# Nouns that say only that their phrase is a group or an attack: a role adjective on them says whose
# ("paramilitary groups", "los atentados guerrilleros").
_GROUP_OR_ATTACK_NOUNS = frozenset(
    {
        *(
            "group",
            "gang",
            "cell",
            "squad",
            "grupo",
            "banda",
            "célula",
            "escuadrón",
            "groupe",
            "bande",
            "cellule",
        ),
        *("attack", "ataque", "atentado", "attaque", "attentat", "ambush", "emboscada", "embuscade"),
    }
)


def _cue_of(item: Candidate) -> Actor | None:
    """The state or organisation a candidate gives the title after it: its own, or its phrase's."""
    return item.actors[0] if _is_cue(item) else item.cue


def _modifies(text: str, before: Candidate, item: Candidate, sentence: ParsedSentence | None) -> bool:
    """Whether ``before`` (a country or organisation, or a title that has one) is part of ``item``'s noun
    phrase: "Iran's Foreign Minister", "Israeli intelligence officials", "Haitian government officials"."""
    if _cue_of(before) is None or _AGAINST_OR_FOR.search(text[max(0, before.start - 5) : before.start]):
        return False  # an "anti-Syria journalist" is not Syrian
    gap = text[before.end : item.start]
    if _CUE_BEFORE_TITLE.match(gap):
        return _is_cue(before) or not gap.strip()
    if sentence is None or not re.fullmatch(r"(?:'s|’s|')?\s*(?:[\w-]+\s+){1,2}", gap):
        return False
    between = [
        t
        for t in sentence.span
        if before.end <= t.idx + sentence.offset and t.idx + sentence.offset + len(t.text) <= item.start
    ]
    return bool(between) and all(t.pos_ in _MODIFIER_POS or t.tag_ == "POS" for t in between)


def _is_cue(item: Candidate) -> bool:
    return bool(item.actors) and item.actors[0].kind in (
        ActorKind.STATE,
        ActorKind.IGO,
        ActorKind.NGO,
        ActorKind.ORGANISATION,
        ActorKind.ARMED_GROUP,  # "al-Qaeda leaders", "Taliban commanders"
        ActorKind.PARTY,  # "Labour MPs"
    )


def _is_credit(text: str, item: Candidate) -> bool:
    """A news outlet named as the report's source: in parentheses or slashes ("(AFP) -", "/ТАСС/")."""
    if not item.actors or item.actors[0].sector != "MED" or item.actors[0].kind != ActorKind.ORGANISATION:
        return False
    before, after = text[item.start - 1 : item.start], text[item.end : item.end + 1]
    return (before, after) in {("(", ")"), ("/", "/")}


def _first_name_of(text: str, item: Candidate, start: int, end: int) -> bool:
    """Whether a state's name begins a person's name the tagger found, the name going on ("Chad Smith",
    "Mauricio de Freitas"; not "Jordan's King Abdullah")."""
    return (
        item.start == start
        and item.end < end
        and bool(item.actors)
        and item.actors[0].kind is ActorKind.STATE
        and bool(_NAME_GOES_ON.match(text, item.end))
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article, an unclosed bracket's words and trailing punctuation from an entity span ("the
    Organization …(OIC", "Khanty-Mansiysk (Siberia")."""
    span = text[start:end]
    opened = span.rfind("(")
    if opened > 0 and ")" not in span[opened:]:
        end = start + opened
    lead = re.match(r"^(?:the|The|l'|L'|le|Le|la|La|el|El)\s*", span)
    if lead:
        start += lead.end()
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def _earlier_namesake(surface: str, history: list[tuple[Candidate, Resolution]]) -> Resolution | None:
    key = surname_key(surface)
    if key is None:
        return None
    for earlier, resolution in reversed(history):
        if (
            earlier.kind == MentionKind.PERSON
            and resolution.actor is not None
            and earlier.origin != "pronoun"
        ):
            if resolution.method.startswith("title+cue"):
                continue
            actor_key = resolution.actor.split("-")
            if key in actor_key or key == surname_key(resolution.actor.replace("-", " ")):
                return resolution
    return None


def _antecedent(item: Candidate, history: list[tuple[Candidate, Resolution]]) -> Resolution:
    """The most recent fitting earlier mention: a person for he/she, an organisation or group for they."""
    if item.origin == "generic":
        wanted: tuple[MentionKind, ...] = (MentionKind.ORGANISATION,)
    elif item.plural:
        wanted = (MentionKind.ORGANISATION, MentionKind.COUNTRY, MentionKind.GROUP)
    else:
        wanted = (MentionKind.PERSON, MentionKind.NOMINAL)
    fitting = [(c, r) for c, r in history if c.kind in wanted and r.actor is not None]
    # The subject of the nearest earlier clause is the usual antecedent, and for "they" a plural group in it
    # ("Rebels in the Ivory Coast … as they continued") before the state it is in; any fitting mention is
    # the fallback.
    method = "chain:generic" if item.origin == "generic" else "chain:pronoun"
    passes = [(True, (MentionKind.GROUP,)), (True, wanted)] if item.plural else [(True, wanted)]
    for prefer_subject, kinds in (
        [*passes, (False, wanted)] if item.origin != "generic" else [(False, wanted)]
    ):
        for earlier, resolution in reversed(fitting):
            if (earlier.subject or not prefer_subject) and earlier.kind in kinds:
                return Resolution(resolution.actor, resolution.code, resolution.role, 0.6, method)
    return Resolution(None, None, None, 0.0, "unresolved", "no antecedent")


def _peoples_of_states(article: Article, mentions: list[Mention]) -> list[Mention]:
    """A people the knowledge base does not know, named with a state's adjective ("Thousands of Iraqi Kurds",
    "American Muslims"), is that state's citizens: IRQ.CVL, with the state as its actor."""
    states = [m for m in mentions if m.kind is MentionKind.COUNTRY and m.code and "." not in m.code]
    if not states:
        return mentions
    sentences = parse_of(article).sentences
    out = []
    for mention in mentions:
        sentence = sentences[mention.sentence]
        if mention.unresolved_reason == _UNKNOWN_GROUP and sentence.parsed:
            state = _state_modifier(sentence, mention, states)
            if state is not None:
                mention = mention.model_copy(
                    update={
                        "actor": state.actor,
                        "code": f"{state.code}.{CITIZENS}",
                        "confidence": 0.6,
                        "method": "ner+cue",
                        "unresolved_reason": None,
                    }
                )
        out.append(mention)
    return out


def _state_modifier(sentence: ParsedSentence, group: Mention, states: list[Mention]) -> Mention | None:
    """The state mention that is an adjective of one of the group's words ("Iraqi" in "Iraqi Kurds")."""
    for token in sentence.tokens(group.span.start, group.span.end):
        for child in token.children:
            start = child.idx + sentence.offset
            if child.dep_ == "amod":
                found = next((s for s in states if s.span.start <= start < s.span.end), None)
                if found is not None:
                    return found
    return None


def _spelled_out(text: str, mentions: list[Mention]) -> list[Mention]:
    """An organisation's name the KB does not know, followed by the acronym it does in brackets, is the
    acronym's organisation: "International Labor Office (ILO)" (and the other way round: "ILO (International
    Labor Office)")."""
    out = list(mentions)
    for i, (first, second) in enumerate(itertools.pairwise(mentions)):
        between, after = text[first.span.end : second.span.start], text[second.span.end : second.span.end + 2]
        if not (re.fullmatch(r"\s*\(\s*", between) and after.lstrip().startswith(")")):
            continue
        known, unknown, at = (second, first, i) if second.actor else (first, second, i + 1)
        if (
            unknown.actor is None
            and unknown.kind is MentionKind.ORGANISATION
            and known.actor is not None
            and known.kind is MentionKind.ORGANISATION
        ):
            out[at] = unknown.model_copy(
                update={
                    "actor": known.actor,
                    "code": known.code,
                    "confidence": known.confidence,
                    "method": "kb:acronym",
                    "unresolved_reason": None,
                }
            )
    return out


def _named_by_role(text: str, mentions: list[Mention]) -> list[Mention]:
    """A person or organisation the KB does not know, named right after a role word, is coded by it: "the
    opposition newspaper La Prensa" (MED), "opposition leader Maulana X" (OPP), "the rebel commander Y"."""
    out = list(mentions)
    for i, (role, name) in enumerate(itertools.pairwise(mentions)):
        if (
            name.actor is None
            and name.kind in (MentionKind.PERSON, MentionKind.ORGANISATION)
            and role.kind in (MentionKind.GROUP, MentionKind.NOMINAL)
            and role.code
            and not text[role.span.end : name.span.start].strip()
        ):
            out[i + 1] = name.model_copy(
                update={
                    "code": role.code,
                    "role": role.role,
                    "confidence": min(role.confidence, 0.6),
                    "method": "title+name",
                    "unresolved_reason": None,
                }
            )
    return out


def _gazetteer_names(article: Article) -> list[tuple[int, int]]:
    """Where the gazetteer finds a place name in the article (cities of 15,000 or more, regions, landmarks)."""
    return [(start, end) for start, end, _ in find_places(article.text, article.language)]


def _unnamed_places(
    places: list[tuple[int, int]], sentence: ParsedSentence, known: list[Candidate]
) -> list[Candidate]:
    """The sentence's gazetteer places that neither the KB nor the tagger found ("shelled the city of Kharkiv"):
    a place for its state, as the tagger's are; not a name that goes on ("Unión Sindical Obrera", "Tel Aviv
    University")."""
    return [
        Candidate(start, end, sentence.index, MentionKind.PLACE, origin="gazetteer")
        for start, end in places
        if sentence.start <= start
        and end <= sentence.end
        and not any(c.start < end and start < c.end for c in known)
        and not _name_goes_on(sentence.article_text, start, end)
    ]


def _local_place(text: str, item: Candidate) -> Candidate:
    """A state's, capital's or province's name after a word for a hamlet, a neighbourhood or a farm names that
    small place, which the gazetteer does not list: "la vereda Buenos Aires", "el barrio El Paraíso"."""
    if not (item.region or item.actors) or any(a.kind not in _PLACE_ACTORS for a in item.actors):
        return item
    if not _LOCAL_PLACE_BEFORE.search(text[max(0, item.start - 30) : item.start]):
        return item
    return Candidate(item.start, item.end, item.sentence, MentionKind.PLACE, origin="local")


_PLACE_ACTORS = frozenset({ActorKind.STATE, ActorKind.PLACE})
# Words for places too small for the gazetteer, right before a name (Spanish, Portuguese, French); not with
# "de" between them: "un barrio de Caracas" is in Caracas, "el sitio de Jerusalén" a siege.
_LOCAL_PLACE_BEFORE = re.compile(
    r"\b(?:vereda|barrio|caser[ií]o|corregimiento|sitio|finca|hacienda|paraje|sector|bairro|povoado|fazenda|"
    r"aldeia|lieu-dit|hameau|quartier)\s+(?:la\s+|el\s+|los\s+|las\s+|le\s+)?$",
    re.IGNORECASE,
)
_LOCAL_PLACE = "the name of a hamlet, a neighbourhood or a farm: not the state, city or province of that name"


def _arabic_construct(text: str, head: Candidate, complement: Candidate) -> bool:
    """Whether an Arabic role noun without the article is followed right away by another with it (the construct
    state, إضافة: "حراس الأمن", guards of the security); both with the article are a noun and its adjective, an
    indefinite one after it an adjective or the verb's object ("مسلحون جنديا": gunmen, then whom they took), and a
    sound plural keeps its nun only outside a construct."""
    surface = text[head.start : head.end]
    return (
        _ends_in_arabic(surface)
        and not surface.startswith(("ال", "وال", "بال", "لل"))
        and not surface.endswith(("ون", "ين"))
        and text.startswith("ال", complement.start)
        and complement.kind is MentionKind.GROUP
        and bool(complement.roles)
        and not text[head.end : complement.start].strip()
    )


def _from_place(text: str, group: Candidate, place: Candidate) -> bool:
    """Whether a group comes from the place after it: "from", "of" ("villagers of Kandahar province"), or in
    Arabic the construct, the place right after the group ("شرطة إسلام آباد", Islamabad's police)."""
    gap = text[group.end : place.start]
    return bool(_GROUP_FROM.match(gap)) or (
        _ends_in_arabic(text[group.start : group.end]) and not gap.strip()
    )


def _ends_in_arabic(surface: str) -> bool:
    return "\u0621" <= surface[-1:] <= "\u064a"


def _name_goes_on(text: str, start: int, end: int) -> bool:
    shouted = text[start:end].isupper()
    return bool((_SHOUTED_NAME_GOES_ON if shouted else _NAME_GOES_ON).match(text, end))


def _only_regions(match: Match) -> bool:
    return all(p.kind == "region" for p in match.patterns)


def _gazetteer_places(mentions: list[Mention]) -> list[Mention]:
    """A place the knowledge base does not know (a city, a region) is coded with the state the gazetteer puts
    it in (method ``gazetteer``), as a capital is: "Gunmen killed five people in Peshawar" → ``PAK``, so that the
    sentence's unnamed groups take that state (:func:`_sentence_countries`), as the events stage places their
    events. Names of one state are placed first, and with the states the article names they place the others: a
    namesake in one of those comes first; else the name's only state or the one ten times any other's size
    ("Kandahar": Afghanistan's, not India's), if a town of 50,000 or more, and in an article that names other
    states only a city of 100,000 or more called so by its own name ("Tel Aviv" in a report on the Palestinians;
    "Campo Alegre" in a report from Antioquia is a Colombian village, not the Brazilian town)."""
    unplaced = [
        i
        for i, m in enumerate(mentions)
        if m.kind is MentionKind.PLACE and m.code is None and m.unresolved_reason != _LOCAL_PLACE
    ]
    if not unplaced:
        return mentions
    gazetteer = Gazetteer.load()  # the events stage's, loaded once per process
    namesakes = {i: _namesakes(gazetteer, mentions[i].span.text) for i in unplaced}
    named = Counter(state for m in mentions if (state := state_of(m.code)))
    first = {
        i: found
        for i, sizes in namesakes.items()
        if len(sizes) == 1 and (found := _state_of_place(sizes, named))
    }
    named += Counter(state for state, _ in first.values())
    placed = {
        i: found for i, sizes in namesakes.items() if (found := first.get(i) or _state_of_place(sizes, named))
    }
    out = list(mentions)
    for i, (state, sure) in placed.items():
        out[i] = out[i].model_copy(
            update={
                "code": state,
                "confidence": 0.9 if sure else 0.6,
                "method": "gazetteer",
                "unresolved_reason": None,
            }
        )
    return out


def _ethnic_minorities(kb: KnowledgeBase, text: str, mentions: list[Mention]) -> list[Mention]:
    """A people named by its origin is coded with the state it lives in, as CAMEO codes a minority: "the
    Albanians of southern Serbia" → ``SRB.CVL``; "Bosnian Serbs", "los serbios bosnios" → ``BIH.CVL`` (a people
    the KB lists as living in several states, beside another state's adjective); "ethnic Albanians" (and "ethnic
    Albanian guerrillas", and the "they" that refers back to them) → the other state their sentence names most
    ("… near Macedonia's border, Macedonian officials said" → ``MKD``)."""
    states = [
        (m.sentence, state)
        for m in mentions
        if m.kind is not MentionKind.PLACE and (state := state_of(m.code))
    ]
    in_article = Counter(state for _, state in states)
    out = list(mentions)
    moved: dict[str, str] = {}  # a people's code -> the code it now has, for the pronouns that follow it
    for i, people in enumerate(mentions):
        if people.kind is MentionKind.PRONOUN and people.code in moved:
            out[i] = people.model_copy(update={"code": moved[people.code]})
        if people.kind is not MentionKind.COUNTRY or not people.code:
            continue
        origin, after = people.code.split(".")[0], mentions[i + 1] if i + 1 < len(mentions) else None
        before = mentions[i - 1] if i else None
        residence = None
        # the state's adjective right before the people (English) or right after it ("les Serbes bosniaques")
        beside = [
            m
            for m in (before, after)
            if m is not None
            and m.kind is MentionKind.COUNTRY
            and m.code
            and m.code not in (origin, *NOT_STATES)
            and not text[min(m.span.end, people.span.end) : max(m.span.start, people.span.start)].strip()
        ]
        if people.code.endswith(f".{CITIZENS}") and beside and kb.is_people_across_borders(people.span.text):
            residence = beside[0].code
        elif (
            people.code.endswith(f".{CITIZENS}")
            and after is not None
            and after.kind is MentionKind.COUNTRY
            and after.code
            and after.code not in (origin, *NOT_STATES)
            and _PEOPLE_OF.match(text[people.span.end : after.span.start])
        ):
            residence = after.code
        elif _ETHNIC_BEFORE.search(text[max(0, people.span.start - 8) : people.span.start]):
            named = Counter(
                state for sentence, state in states if sentence == people.sentence and state != origin
            )
            ranked = sorted(named, key=lambda state: (named[state], in_article[state]), reverse=True)
            residence = ranked[0] if ranked else None
        if residence is None:
            continue
        out[i] = _moved(people, origin, residence)
        moved[people.code] = str(out[i].code)
        qualified = (
            after is not None
            and after.code
            and after.code.startswith(f"{origin}.")
            and not text[people.span.end : after.span.start].strip()
        )
        if qualified and after is not None:  # the group it qualifies: "ethnic Albanian guerrillas"
            out[i + 1] = _moved(after, origin, residence)
    return out


def _moved(mention: Mention, origin: str, residence: str) -> Mention:
    code = residence + (mention.code or "")[len(origin) :]
    return mention.model_copy(update={"code": code, "method": mention.method + "+residence"})


def _namesakes(gazetteer: Gazetteer, name: str) -> dict[str, tuple[int, bool]]:
    """The states that have a place of this name: the size of their largest, and whether it is that place's own
    name (not one of its other names: "Bolívar" is also Ciudad Bolívar's)."""
    key = normalise(name)
    found: dict[str, tuple[int, bool]] = {}
    for record in gazetteer.candidates(name):
        size, own = found.get(record.country, (0, False))
        found[record.country] = (max(size, record.population), own or normalise(record.name) == key)
    return found


def _state_of_place(namesakes: dict[str, tuple[int, bool]], named: Counter[str]) -> tuple[str, bool] | None:
    """The state of a place name, and whether it is sure (one the article names, or the name's only one)."""
    in_named = next((state for state, _ in named.most_common() if state in namesakes), None)
    if in_named is not None:
        return in_named, True
    ranked = sorted(namesakes.items(), key=lambda item: item[1][0], reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][1][0] < 10 * ranked[1][1][0]):
        return None
    state, (size, own) = ranked[0]
    # the gazetteer lists towns of 15,000 and more: a smaller namesake elsewhere is as likely as the one it has,
    # and in an article that names other states a town, or a city called so only by another of its names, is
    # more likely a village of one of them
    if size < (_MAJOR_CITY if named else _TOWN) or (named and not own):
        return None
    return state, len(ranked) == 1


# A state or place name resolved with less confidence (a name several actors share: "Granada", Grenada in
# Spanish; a town placed by its size alone) gives no country to its sentence's unnamed.
_SURE_NAME = 0.7
_MAJOR_CITY = 100_000
_TOWN = 50_000


def _sentence_countries(mentions: list[Mention]) -> list[Mention]:
    """A group coded by sector only ("---.REB") takes its sentence's country when the sentence names just one:
    "the Mozambique government accepted demands from Shona rebels" → MOZ.REB; in a sentence that names none, the
    article's, when the whole article names just one (a local report: "Paramilitares asesinaron a …" in a report
    that names only Colombian places)."""
    by_sentence: dict[int, set[str]] = {}
    for mention in mentions:
        country = state_of(mention.code)
        unsure = mention.kind in (MentionKind.COUNTRY, MentionKind.PLACE) and mention.confidence < _SURE_NAME
        if country and not unsure:
            by_sentence.setdefault(mention.sentence, set()).add(country)
    in_article = set().union(*by_sentence.values())
    out = []
    for mention in mentions:
        countries = by_sentence.get(mention.sentence, set())
        if mention.code and mention.code.startswith("---.") and len(countries or in_article) == 1:
            (country,) = countries or in_article
            mention = mention.model_copy(
                update={
                    "code": f"{country}.{mention.code[4:]}",
                    "method": mention.method + ("+sentence-country" if countries else "+article-country"),
                    "confidence": min(mention.confidence, 0.5 if countries else 0.4),
                }
            )
        out.append(mention)
    return out


def _generic_organisations(text: str, sentence: ParsedSentence, known: list[Candidate]) -> list[Candidate]:
    out = []
    for found in _GENERIC_ORGANISATION.finditer(text, sentence.start, sentence.end):
        start, end = found.span(1)
        if any(c.start < end and start < c.end and c.actors for c in known):
            continue  # part of a name the KB knows ("Organisation of Islamic Cooperation")
        known[:] = [c for c in known if not (c.start < end and start < c.end)]  # NER's bare "Organisation"
        out.append(Candidate(start, end, sentence.index, MentionKind.ORGANISATION, origin="generic"))
    return out


def _arabic_people(text: str, item: Candidate, before: Candidate | None) -> bool:
    """Whether an Arabic demonym, unparsed, names a people: one in the sound masculine plural ("العراقيين",
    "فلسطينيون"), unless right after the group it describes ("المسلحين الفلسطينيين", the Palestinian gunmen)."""
    if not text[item.start : item.end].endswith(("يين", "يون")):
        return False
    return (
        before is None or before.kind is not MentionKind.GROUP or bool(text[before.end : item.start].strip())
    )


def _stands_for_someone(text: str, item: Candidate, after: Candidate | None) -> bool:
    """A bare title names someone when capitalised, cued ("OIC secretary general"), determined ("the …";
    Arabic's article written into the word, "الرئيس", the president; or an Arabic construct, "حاكم منطقة"), or
    followed by the place it governs ("deputy governor of the Tyumen region")."""
    if item.cue is not None or item.title is None:
        return True
    surface = text[item.start : item.end]
    return (
        surface[:1].isupper()
        or surface.startswith("ال")
        or bool(_DETERMINER_BEFORE.search(text[max(0, item.start - 12) : item.start]))
        or bool(_ends_in_arabic(surface) and _ARABIC_WORD_AFTER.match(text, item.end))
        or (
            after is not None
            and after.kind in (MentionKind.PLACE, MentionKind.COUNTRY)
            and bool(_OF_A_NAME.fullmatch(text, item.end, after.start))
        )
    )


# A name that is one of its clause's arguments: subject, object, or the possessor in one ("Tehran's refusal").
_ARGUMENT_DEPS = _SUBJECT_DEPS | {"dobj", "obj", "poss", "nmod:poss"}


def _is_argument(sentence: ParsedSentence, item: Candidate) -> bool:
    """Whether a name is its clause's subject or object, or coordinated with one ("Washington and London warned
    Tehran"), not a place where something happens ("talks in Kabul", "à Kaboul") or a modifier ("the Kabul
    government")."""
    token = sentence.head(item.start, item.end)
    while token is not None and token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token is not None and token.dep_ in _ARGUMENT_DEPS


def _is_subject(sentence: ParsedSentence, item: Candidate) -> bool:
    """Whether a mention is (in the phrase of) a clause's subject."""
    for token in sentence.span:
        start = token.idx + sentence.offset
        if item.start <= start < item.end:
            node = token
            through = _NAME_DEPS if item.kind in (MentionKind.PERSON, MentionKind.NOMINAL) else _GROUP_DEPS
            for _ in range(8):
                if node.dep_ in _SUBJECT_DEPS:
                    return True
                if node.dep_ not in through or node.head.i == node.i:
                    break
                node = node.head
            return False
    return False


def reference_day(published: DateEvidence | None) -> dt.date | None:
    """The day against which offices are checked: the date, the end of an inferred interval, mid-period."""
    if published is None or published.date.year is None:
        return None
    if published.provenance is DateProvenance.INFERRED and published.latest is not None:
        return published.latest
    date = published.date
    assert date.year is not None
    return dt.date(date.year, date.month or 7, date.day or (15 if date.month else 1))


def make_resolver(config: Config) -> ActorResolver:
    return ActorResolver(KnowledgeBase.shared([user_kb_dir(), *config.kb_paths]))
