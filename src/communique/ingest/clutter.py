"""Web-page clutter in plain text: the lines a copied or scraped page brings along that are not the article.

Trafilatura cleans HTML, but a page saved as plain text keeps its player buttons, share bars, page clocks and
view counters. A line is clutter when it is not a sentence and one of these general rules holds:

* **lexicon**: most of its words are web-interface phrases ("Listen Live", "Get short URL", "Partager",
  "Поделиться"...), in any of several languages, or it starts with such a label and a colon ("Tags: ...");
* **clock**: a time of day with only a timezone, a date or a label around it ("Updated 14:10 GMT");
* **symbols**: mostly digits and symbols (view and comment counters, separators);
* **repeated**: a short line that occurs more than once in the page (a site name in a header and a banner);
* **edge**: a very short line in the leading or trailing block (before the first or after the last sentence)
  of a text in which the other rules already found clutter: menus and section names around the article.

A one-line paragraph that ends like a sentence is never clutter, wherever it stands.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_LEXICON_TEXT = """
listen live|listen|watch live|live|live updates|play|pause|audio|video|watch
share|share this|share on|share via|shares|tweet|retweet|like|likes|copy link|link copied|permalink
comment|comments|comment via|leave a comment|add comment|discussion|discuss|community standards|report abuse
get short url|short url|short link|shortlink|url
subscribe|subscribe now|unsubscribe|newsletter|sign up|sign in|log in|login|logout|register|my account|account
follow|follow us|follow us on|join us|read more|read also|read next|see also|more|more news|show more
load more
print|print this|email|e-mail|send|send by email|advertisement|advertising|ad|ads|sponsored|promoted
cookies|cookie|cookie policy|accept cookies|accept|privacy policy|terms of use|terms|contact us|about us
related|related articles|related news|related stories|related topics|tags|tag|topics|categories|category
home|menu|search|close|next|previous|prev|back|back to top|top|skip to content|main menu|navigation
archive|most read|most popular|trending|latest|latest news|breaking|breaking news|all rights reserved
via|on|facebook|twitter|x|telegram|whatsapp|vk|vkontakte|linkedin|reddit|youtube|instagram|tiktok|rss|pinterest
écouter|écouter en direct|en direct|partager|commenter|commentaire|commentaires|réagir|s'abonner|abonnez-vous
suivez-nous|suivre|lire aussi|lire la suite|à lire aussi|voir aussi|imprimer|envoyer|publicité|connexion
se connecter|s'inscrire|articles liés|mots-clés|sur le même sujet|partager sur|plus|accueil|rechercher|fermer
escuchar en vivo|en vivo|en directo|compartir|comentar|comentario|comentarios|suscríbete|suscribirse
síguenos|seguir|leer más|lee también|ver también|imprimir|enviar|publicidad|iniciar sesión|registrarse
relacionados|noticias relacionadas|etiquetas|temas|inicio|buscar|cerrar|más
live hören|teilen|kommentieren|kommentar|kommentare|abonnieren|folgen sie uns|folgen|weiterlesen|mehr lesen
lesen sie auch|mehr zum thema|drucken|senden|werbung|anzeige|anmelden|einloggen|registrieren|abmelden
verwandte artikel|schlagworte|themen|startseite|suche|schließen|mehr
слушать|слушать в эфире|прямой эфир|эфир|поделиться|комментировать|комментарий|комментарии|обсуждение
подписаться|подписывайтесь|читайте также|читать далее|читать|подробнее|печать|распечатать|реклама|войти
регистрация|теги|по теме|короткая ссылка|получить короткую ссылку|правила сообщества|главная|поиск|еще|ещё
استمع|استمع مباشرة|بث مباشر|مباشر|مشاركة|شارك|تعليق|تعليقات|اشترك|تابعنا|تابع|اقرأ أيضا|اقرأ أيضاً|اقرأ المزيد
المزيد|طباعة|إعلان|تسجيل الدخول|مواضيع ذات صلة|ذات صلة|الوسوم|رابط مختصر|الرئيسية|بحث|إغلاق|عبر
"""
_PHRASES = frozenset(p.strip() for line in _LEXICON_TEXT.strip().splitlines() for p in line.split("|"))
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_LONGEST_PHRASE = max(len(_WORD.findall(p)) for p in _PHRASES)
# Words glued where a page put two elements side by side: "standardsDiscussion", "FacebookComment".
_GLUED = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ][a-zà-ÿ])")
_SENTENCE_END = re.compile(r"[.!?…。！？؟][\"'”’»)\]]*$")
_TIME = re.compile(r"(?<![\d:])\d{1,2}[:h]\d{2}(?::\d{2})?(?![\d:])")
_LABEL = re.compile(r"([^:|]{1,40})[:|]")
# Words a page clock may carry besides digits: timezones, labels, month and day names.
_CLOCK_TEXT = """
gmt utc msk cet cest eet eest est edt cst cdt pst pdt bst ist ast jst z am pm h uhr
updated published posted modified last update mis à jour publié actualizado publicado aktualisiert
veröffentlicht обновлено опубликовано
jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august september
october november december mon tue wed thu fri sat sun monday tuesday wednesday thursday friday saturday sunday
"""
_CLOCK_WORDS = frozenset(_CLOCK_TEXT.split())
_MAX_SHORT_WORDS = 10  # lines longer than this are never clutter by the lexicon or by repetition
_EDGE_WORDS = 4  # lines of at most this many words may go with a cluttered leading or trailing block


@dataclass(frozen=True)
class Cleaned:
    text: str
    removed: list[str]


def is_sentence(line: str) -> bool:
    """A line that ends like a sentence and has at least two words."""
    return bool(_SENTENCE_END.search(line)) and len(_WORD.findall(line)) >= 2


def _words(line: str) -> list[str]:
    return _WORD.findall(_GLUED.sub(" ", line).casefold())


def _lexicon_share(words: list[str]) -> float:
    """Share of the words covered by interface phrases (longest match first)."""
    covered = i = 0
    while i < len(words):
        for size in range(min(_LONGEST_PHRASE, len(words) - i), 0, -1):
            if " ".join(words[i : i + size]) in _PHRASES:
                covered += size
                i += size
                break
        else:
            i += 1
    return covered / len(words) if words else 0.0


def _is_label(line: str) -> bool:
    """ "Tags: Iran, OIC", "Read more | ...": an interface label before a colon or a bar."""
    match = _LABEL.match(line)
    return match is not None and " ".join(_words(match.group(1))) in _PHRASES


def _is_clock(line: str, words: list[str]) -> bool:
    if not _TIME.search(line):
        return False
    others = [w for w in words if not any(c.isdigit() for c in w) and w not in _CLOCK_WORDS]
    return len(others) <= 1


def _is_symbols(line: str) -> bool:
    visible = [c for c in line if not c.isspace()]
    letters = sum(1 for c in visible if c.isalpha())
    return bool(visible) and letters * 3 < len(visible)


def _is_clutter(line: str, repeated: bool) -> bool:
    if not line or is_sentence(line):
        return False
    words = _words(line)
    if _is_symbols(line) or _is_clock(line, words):
        return True
    if len(words) > _MAX_SHORT_WORDS:
        return False
    return repeated or _lexicon_share(words) >= 0.6 or _is_label(line)


def remove_clutter(text: str) -> Cleaned:
    """``text`` without its clutter lines, and the lines removed (in order)."""
    lines = [line.strip() for line in text.split("\n")]
    counts = Counter(line.casefold() for line in lines if line)
    flagged = [_is_clutter(line, counts[line.casefold()] > 1) for line in lines]
    if any(flagged):
        body = [i for i, line in enumerate(lines) if is_sentence(line)]
        first, last = (body[0], body[-1]) if body else (len(lines), -1)
        for i, line in enumerate(lines):
            edge = i < first or i > last
            if edge and line and not flagged[i] and len(_words(line)) <= _EDGE_WORDS:
                flagged[i] = True
    removed = [line for line, drop in zip(lines, flagged, strict=True) if drop]
    kept = [line for line, drop in zip(lines, flagged, strict=True) if not drop]
    return Cleaned("\n".join(kept), removed)
