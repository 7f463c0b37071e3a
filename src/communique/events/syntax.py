"""Reading who-did-what-to-whom off a dependency parse, across English (ClearNLP labels) and French/Spanish (UD).

Actors are the article's resolved mentions; a syntactic role (subject, object, "with" phrase) is filled by the
mention closest to the role's head in the tree, plus the mentions coordinated with it ("X and Y met").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from communique.actors.kb import CITIZENS, UNKNOWN_COUNTRY
from communique.events.places import Gazetteer
from communique.models import Mention, MentionKind
from communique.nlp import ParsedSentence

SUBJECT = frozenset({"nsubj", "nsubj:pass", "nsubjpass", "csubj", "expl:subj"})
PASSIVE_SUBJECT = frozenset({"nsubj:pass", "nsubjpass"})
OBJECT = frozenset({"dobj", "obj"})
INDIRECT = frozenset({"dative", "iobj", "obl:arg"})
AGENT = frozenset({"agent", "obl:agent"})
COMPLEMENT = frozenset({"ccomp", "xcomp", "parataxis", "advcl"})
# Climbing from a nominal trigger or an infinitive to the verb whose subject it shares.
CLIMB = frozenset(
    {
        "xcomp",
        "acl",
        "advcl",
        "pobj",
        "prep",
        "obl",
        "obl:arg",
        "nmod",
        "advmod",
        "dobj",
        "obj",
        "case",
        "acomp",
    }
)
NEGATION = frozenset({"neg"})
_AGENT_HOSTS = frozenset({"obj", "obl", "nmod", "obl:agent"})
_AGENT_CASES = frozenset({"por", "par"})
MODIFIER = frozenset({"poss", "nmod:poss", "amod", "compound", "nmod"})
# A possessor's phrase is one step further than the phrase's other modifiers: "Zoran Djindjic's opposition
# coalition" is the opposition (a noun trigger's possessor is its source all the same: "Putin's meeting with …").
_POSSESSOR = frozenset({"poss", "nmod:poss"})
# Clauses hanging off a word (UD and spaCy's English labels, subtypes stripped: "acl:relcl" is "acl").
_CLAUSES = frozenset({"acl", "relcl", "advcl", "xcomp", "ccomp", "csubj"})
_KIND_RANK = {
    MentionKind.PERSON: 0,
    MentionKind.PRONOUN: 0,
    MentionKind.NOMINAL: 1,
    MentionKind.ORGANISATION: 2,
    MentionKind.GROUP: 3,
    MentionKind.COUNTRY: 4,
}


@dataclass(frozen=True)
class Actorhood:
    """Mentions that can fill an event's source or target: resolved, or coded compositionally."""

    mentions: tuple[Mention, ...]

    @property
    def first(self) -> Mention:
        return self.mentions[0]


class SentenceActors:
    """The coded mentions of one sentence, located on its tokens."""

    def __init__(
        self, sentence: ParsedSentence, mentions: Iterable[Mention], *, private_persons: bool = False
    ) -> None:
        self.sentence = sentence
        mentions = list(mentions)
        self._every = mentions
        self._with_victims: SentenceActors | None = None
        # A capital acting or acted on ("Washington warned Tehran") is its government, as CAMEO codes it: the
        # actor stage codes it so (``IRN.GOV``); a place where something happens keeps its country's code.
        self.mentions = [
            m
            for m in mentions
            if m.code and (m.kind is not MentionKind.PLACE or (_is_capital(m) and m.code.endswith(".GOV")))
        ]
        if private_persons:
            self.mentions += [
                _private_person(m) for m in mentions if _unknown_person(m, sentence.article_text)
            ]
        self.places = [
            _as_government(m) if _is_capital(m) else m for m in mentions if m.kind is MentionKind.PLACE
        ]
        self._token_mention: dict[int, Mention] = {}
        for token in sentence.span:
            start = token.idx + sentence.offset
            for mention in self.mentions:
                if mention.span.start <= start < mention.span.end:
                    self._token_mention[token.i] = mention
                    break

    def with_victims(self) -> SentenceActors:
        """The same, with the persons the KB does not know as private persons: whom an attack with no other
        target is on ("asesinaron a Dagoberto Rosales")."""
        if self._with_victims is None:
            self._with_victims = SentenceActors(self.sentence, self._every, private_persons=True)
        return self._with_victims

    def mention_of(self, token: Token) -> Mention | None:
        return self._token_mention.get(token.i)

    def place_of(self, token: Token) -> Mention | None:
        """The coded place the token is a word of ("Tokyo", "the Gaza Strip")."""
        start = token.idx + self.sentence.offset
        return next((p for p in self.places if p.code and p.span.start <= start < p.span.end), None)

    def in_subtree(self, root: Token) -> list[Mention]:
        """The mention nearest ``root`` in its subtree, and those coordinated with it.

        A modifier ("Iran's" in "Iran's Foreign Minister Kamal Kharrazi") counts as one step further than the
        name it modifies (a possessor's phrase one more: "Zoran Djindjic's opposition coalition" is the
        opposition's, "the government forces' positions" the forces'), a clause hanging off the phrase as two
        ("a U.S. request to interrogate detainees": the request is the US's, the detainees are what it asks
        about), and at equal distance a person outranks an organisation, which outranks a country.
        """
        best: tuple[tuple[int, int], Token, Mention] | None = None
        for token in root.subtree:
            mention = self._token_mention.get(token.i)
            if mention is None:
                continue
            rank = (
                _depth(token, root, clause_steps=3, possessor_steps=2) + (token.dep_ in MODIFIER),
                _KIND_RANK.get(mention.kind, 5),
            )
            if best is None or rank < best[0]:
                best = (rank, token, mention)
        if best is None:
            return []
        return self.coordinated(best[1], best[2])

    def coordinated(self, token: Token, mention: Mention) -> list[Mention]:
        """``mention`` (found at ``token``) and the mentions coordinated with it ("Congo and Costa Rica")."""
        found = [mention]
        for conj in _conjuncts(token):
            other = self._head_mention(conj)
            if other is not None and other not in found:
                found.append(other)
        return found

    def _head_mention(self, token: Token) -> Mention | None:
        """The mention a conjunct names: its own, else the one nearest it ("and the League of Arab States")."""
        own = self._token_mention.get(token.i)
        if own is not None:
            return own
        nearest = sorted(
            (t for t in token.subtree if t.i in self._token_mention), key=lambda t: _depth(t, token)
        )
        return self._token_mention[nearest[0].i] if nearest else None

    def others(self, *exclude: Mention) -> list[Mention]:
        codes = {m.code for m in exclude}
        return [m for m in self.mentions if m.code not in codes]


def _unknown_person(mention: Mention, text: str) -> bool:
    """A person the KB does not know, neither its clause's subject nor a possessor ("Zoran Djindjic's party"),
    nor a place the tagger took for a person ("attack on Kurdish areas of Tuz Khurmatu")."""
    if mention.kind is not MentionKind.PERSON or mention.code is not None or mention.subject:
        return False
    end = mention.span.end
    possessor = mention.span.text.endswith(_POSSESSIVE) or text.startswith(_POSSESSIVE, end)
    return not possessor and not Gazetteer.load().candidates(mention.span.text)


_POSSESSIVE = ("'s", "’s")


def _private_person(mention: Mention) -> Mention:
    """A person the KB does not know and nothing titles, named as whom an attack is on ("asesinaron a Delvis"):
    a private person, as ICEWS codes "Citizen (Colombia)". Only there: officials and figures the KB lacks speak
    and act far more often than they are shot ("Zoran Djindjic said"), and the tagger's persons are at times
    brands or places ("seized counterfeit Christian Dior cosmetics")."""
    code = f"{UNKNOWN_COUNTRY}.{CITIZENS}"
    return mention.model_copy(update={"code": code, "method": f"{mention.method}+private-person"})


def _is_capital(mention: Mention) -> bool:
    """The knowledge base's places are the states' capitals (docs/knowledge-base.md)."""
    return (
        mention.kind is MentionKind.PLACE
        and bool(mention.code)
        and (mention.actor or "").startswith("geonames:")
    )


def _as_government(mention: Mention) -> Mention:
    assert mention.code is not None
    return mention.model_copy(update={"code": f"{mention.code.split('.')[0]}.GOV"})


def children(token: Token, deps: frozenset[str]) -> Iterator[Token]:
    return (child for child in token.children if child.dep_ in deps)


def preposition_objects(token: Token, words: Iterable[str]) -> Iterator[Token]:
    """Objects of the given prepositions under ``token`` or under its object (a parser often attaches "with X"
    to the noun before it: "discussed issues with X"): "met with X" (en) and "avec X" (fr/es UD)."""
    wanted = {w.lower() for w in words}
    yield from _preposition_objects(token, wanted)
    for head in children(token, OBJECT):
        yield from _preposition_objects(head, wanted)
    if token.pos_ == "NOUN" and token.dep_ in OBJECT:
        # a noun's phrase hung on the verb it is the object of, after it: "launched a mediation effort on
        # Saturday between X and Y", "paid a visit last week to X"
        yield from (g for g in _preposition_objects(token.head, wanted) if g.i > token.i)


def _preposition_objects(token: Token, wanted: set[str]) -> Iterator[Token]:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in wanted:
            yield from (g for g in child.children if g.dep_ in ("pobj", "pcomp"))
        elif child.dep_ in ("obl", "obl:arg", "nmod", "obl:mod") and any(
            g.dep_ == "case" and g.lower_ in wanted for g in child.children
        ):
            yield child


# A noun after these words names another happening than its clause's verb: "imposed a curfew after riots" says
# nothing of who rioted.
_SEQUENCE = frozenset(
    {"after", "before", "following", "amid", "since", "après", "avant", "tras", "después", "antes"}
)


def subjects_of(token: Token) -> tuple[list[Token], bool]:
    """The subjects of ``token``'s clause (a dateline can be parsed as a second one), climbing from infinitives
    and nominal triggers to the verb they depend on (not from a noun of an earlier or later happening); and
    whether the clause is passive."""
    if token.pos_ == "NOUN" and (
        (token.dep_ == "pobj" and token.head.lower_ in _SEQUENCE)
        or any(c.dep_ == "case" and c.lower_ in _SEQUENCE for c in token.children)
    ):
        return [], False
    node = token
    climbed = False  # from a noun trigger to the verb it depends on
    for _ in range(6):
        found = [child for child in node.children if child.dep_ in SUBJECT]
        if found:
            passive = any(child.dep_ in PASSIVE_SUBJECT for child in found)
            if climbed and passive:
                return [], False  # "killed in a bombing", "engaged in cleansing": no telling who did it
            return found, passive
        if node.dep_ == "conj" and node.head.i != node.i:  # "X met Y and discussed Z": shared subject
            node = node.head
            continue
        if node.dep_ not in CLIMB or node.head.i == node.i:
            return [], False
        climbed = climbed or token.pos_ == "NOUN"
        node = node.head
    return [], False


def passive_agents(token: Token) -> list[Token]:
    """The agents of a passive verb: labelled so (English, UD "obl:agent"), or a phrase whose preposition is
    "por"/"par" (the Spanish and French models label "fue secuestrada por guerrilleros" an obj or obl)."""
    return [
        c
        for c in token.children
        if c.dep_ in AGENT
        or (c.dep_ in _AGENT_HOSTS and any(g.dep_ == "case" and g.lower_ in _AGENT_CASES for g in c.children))
    ]


# The word that opens a noun's content clause: "its demand that …", "sa demande que …".
_CONTENT_MARKS = frozenset({"that", "que", "qu'", "qu’"})


def content_clauses(token: Token) -> list[Token]:
    """The clauses that say what a trigger asks for or announces: its complements ("urged the OIC to change",
    "its call for Israel to withdraw"), and for a noun that is a verb's object, a "that" clause after it which
    the parser hung on the verb ("reiterated its demand today that Israel ease …")."""
    found = list(children(token, COMPLEMENT | {"acl"}))
    if token.pos_ == "NOUN" and token.dep_ in OBJECT:
        found += [
            c
            for c in children(token.head, frozenset({"ccomp"}))
            if c.i > token.i and any(m.dep_ == "mark" and m.lower_ in _CONTENT_MARKS for m in c.children)
        ]
    return found


def phrase_head(token: Token) -> Token:
    """The noun whose phrase a noun trigger modifies, which carries the phrase's arguments: "effort" in "a
    mediation effort between X and Y", "package" in "an aid package for Ukraine"; else the trigger."""
    if token.pos_ == "NOUN" and token.dep_ == "compound" and token.head.pos_ == "NOUN":
        return token.head
    return token


def noun_agents(token: Token) -> list[Token]:
    """Who does what a nominal trigger names, when a phrase under it says so: "protests by Muslim groups",
    "une attaque par les rebelles"; the subject of the verb it hangs off is not ("ordered patrols after protests
    by Muslim groups"). Not Spanish "por": under a noun it says what for ("una protesta por la detención de X")."""
    return list(_preposition_objects(token, {"by", "par"}))


def periphrastic_passive(token: Token) -> bool:
    """A participle with "ser" ("fue secuestrada"), or with "être" and a "par" agent ("a été tué par"): the
    passives the Spanish and French models do not label as such ("être" alone also makes perfect tenses)."""
    if "Part" not in token.morph.get("VerbForm", []):
        return False
    auxiliaries = {c.lemma_.lower() for c in token.children if c.dep_ in ("aux", "aux:pass", "cop")}
    if "ser" in auxiliaries:
        return True
    return "être" in auxiliaries and any(
        g.lower_ == "par" for c in passive_agents(token) for g in c.children if g.dep_ == "case"
    )


def is_negated(token: Token, negation_words: frozenset[str]) -> bool:
    return any(c.dep_ in NEGATION or c.lower_ in negation_words for c in token.children)


def _depth(token: Token, root: Token, clause_steps: int = 1, possessor_steps: int = 1) -> int:
    """Steps from ``token`` up to ``root``; a clausal dependency counts ``clause_steps``, a possessor's
    ``possessor_steps``."""
    depth = 0
    node = token
    while node.i != root.i and node.head.i != node.i:
        if node.dep_ in _POSSESSOR:
            depth += possessor_steps
        else:
            depth += clause_steps if node.dep_.split(":")[0] in _CLAUSES else 1
        node = node.head
    return depth


def _conjuncts(token: Token) -> Iterator[Token]:
    """Every phrase coordinated with the token's phrase: "the US, Russia, and Switzerland" (chained or not)."""
    node = token
    # climb the mention's own tokens (compounds, names) to the phrase head that carries the coordination
    while node.dep_ in ("compound", "flat", "flat:name", "amod", "det") and node.head.i != node.i:
        node = node.head
    # a list item the parser reads as an apposition ("The US, Russia, and Switzerland met", Russia the appos of
    # US) is a name before its head's coordination, or heads one of its own; a true apposition ("Kharrazi,
    # Iran's foreign minister, and ...") is neither
    last = max((c.i for c in node.children if c.dep_ == "conj"), default=-1)
    pending = [
        c
        for c in node.children
        if c.dep_ == "conj"
        or (
            c.dep_ == "appos"
            and ((c.i < last and c.pos_ == "PROPN") or any(g.dep_ in ("cc", "conj") for g in c.children))
        )
    ]
    while pending:
        conj = pending.pop(0)
        yield conj
        pending += [c for c in conj.children if c.dep_ == "conj"]
