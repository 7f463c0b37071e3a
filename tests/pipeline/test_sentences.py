"""Single sentences we wrote, each showing one coding convention of the event extractor (docs/lexicons.md)."""

from __future__ import annotations

import pytest

from communique.eval.gold import new_article
from communique.models import Article
from communique.pipeline import Pipeline

CASES = [
    # a trigger that takes no target stands with its source alone
    ("The Peruvian interior minister resigned on Monday.", [("RETREAT", "PER.GOV", None)]),
    # a protest is aimed at whom its protesters demand from: one PROTEST, not a protest and a demand
    (
        "Hundreds of Kenyan students marched in Nairobi on Friday to demand reforms from the government.",
        [("PROTEST", "KEN.EDU", "KEN.GOV")],
    ),
    # a protest is known by what it is against, even when its protesters are not named
    ("Thousands marched in Lima on Sunday against the Peruvian government.", [("PROTEST", None, "PER.GOV")]),
    # a material act announced for the future is a commitment: AGREE, CAMEO 033 (intent to provide aid)
    (
        "Japan will provide emergency aid to Nepal, the Japanese foreign ministry said.",
        [("AGREE", "JPN", "NPL")],
    ),
    # the object's own actor, not one named in a clause hanging off it: the request is Britain's
    (
        "Kenya rejected a British request to interrogate soldiers held in Mombasa.",
        [("REJECT", "KEN", "GBR")],
    ),
    # who condemns an attack did not carry it out: a bombing with no named attacker is by unidentified attackers
    # of where it happened (a capital stands for its government)
    ("Pakistan condemned the bombing in Kabul on Monday.", [("ASSAULT", "AFG.UAF", "AFG.GOV")]),
    # weapons platforms are the military; singular role words are as their plurals
    (
        "Des hélicoptères israéliens ont tiré sur des positions du Hezbollah.",
        [("ASSAULT", "ISR.MIL", "LBN.REB")],
    ),
    (
        "Un guerrillero asesinó a un indígena en el departamento del Cauca.",
        [("ASSAULT", "COL.REB", "COL.CVL")],
    ),
    # a ministry is its state's government
    (
        "The Russian Foreign Ministry accused Ukraine of shelling the nuclear plant.",
        [("ACCUSE", "RUS.GOV", "UKR")],
    ),
    # a town attacked is its people (a capital, its government); a title followed by the place it governs names
    # someone
    ("Palestinian militants fired rockets at Tel Aviv on Monday.", [("ASSAULT", "PSE.REB", "ISR.CVL")]),
    ("Gunmen shot dead a mayor of Sinaloa state on Monday.", [("ASSAULT", "MEX.UAF", "MEX.GOV")]),
    # ... and so is a city the tagger misses, which the gazetteer finds
    ("Russian forces shelled the city of Kharkiv overnight.", [("ASSAULT", "RUS.MIL", "UKR.CVL")]),
    # an attack on a person the KB does not know, named with no title, is on a private person
    ("Paramilitares asesinaron a Pedro Ramírez Gómez en Cali.", [("ASSAULT", "COL.UAF", "COL.CVL")]),
    # relatives are private persons; a "social cleansing" group is a death squad
    (
        "Miembros de un grupo de limpieza social asesinaron a dos hermanos en Buga , VALLE DEL CAUCA",
        [("ASSAULT", "COL.UAF", "COL.CVL")],
    ),
    # a possessor is further than the phrase's own words; a noun trigger's own modifiers are its source, not
    # those of a phrase coordinated with it
    (
        "Russian lawmakers condemned Vladimir Putin's opposition coalition on Monday.",
        [("ACCUSE", "RUS.LEG", "RUS.OPP")],
    ),
    (
        "Protesters defied torrential rain, a police ban and menacing threats from the Chinese government.",
        [("COERCE", "CHN.COP", None)],
    ),
    # unknown persons with no weapon in the word are private persons, as PETRARCH's Spanish dictionaries code
    # "desconocidos"; a police officer is the police, as police officers are
    ("Des inconnus ont tué un policier à Bamako.", [("ASSAULT", "MLI.CVL", "MLI.COP")]),
    ("Desconocidos asesinaron a un agente en Medellín.", [("ASSAULT", "COL.CVL", "COL.COP")]),
    # a place the actor stage could not put in a state is none the event's actors take: no Argentine town
    (
        "Un campesino fue asesinado por paramilitares en Puerto Esperanza.",
        [("ASSAULT", "---.UAF", "---.AGR")],
    ),
    # prisoners and detainees are coded as the PLOVER, Arabic and Spanish gold files code them: CRM
    ("Prisoners rioted at a jail in Nairobi on Monday.", [("PROTEST", "KEN.CRM", None)]),
    # a threat is the event, by its source alone when the act names no one; what it threatens is not coded
    ("The Bolivian government threatened to impose a nationwide curfew.", [("THREATEN", "BOL.GOV", None)]),
    ("Chadian rebels vowed to fight the army.", [("THREATEN", "TCD.REB", "TCD.MIL")]),
    # "it" is the state or organisation of the clause before; "is prepared to" announces the act
    (
        "The Kenyan government said it is prepared to impose martial law in the north.",
        [("THREATEN", "KEN.GOV", None)],
    ),
    # what is demanded has not happened: no RETREAT of Bolivia
    ("Chile demanded that Bolivia withdraw its troops from the border.", [("REQUEST", "CHL", "BOL")]),
    # ... nor what a speaker demands; a noun naming a verb trigger's act is the same happening
    (
        "The Egyptian president said the US must mediate between Israel and the Palestinians.",
        [("REQUEST", "EGY.GOV", "USA")],
    ),
    # (by no one named: unidentified attackers where it happened)
    (
        "Two Syrian soldiers were killed in a car bomb explosion in Damascus.",
        [("ASSAULT", "SYR.UAF", "SYR.MIL")],
    ),
    # what is demanded has not happened, even where the parser hangs the demand's clause on the verb before
    # it, not on "demand"
    (
        "The African Union repeated its demand on Friday that Sudan open its border to aid convoys.",
        [("REQUEST", "IGO.AU", "SDN")],
    ),
    # nor what is allowed: the rally is the concession's content, not a protest held
    (
        "The Egyptian government allowed opposition parties to hold a rally in Cairo on Friday.",
        [("CONCEDE", "EGY.GOV", "EGY.OPP")],
    ),
    # an allegation is against the subject of what it alleges, and what it alleges is not coded as done
    (
        "Amnesty International alleged that the Syrian army had tortured prisoners in Aleppo.",
        [("ACCUSE", "NGO.AI", "SYR.MIL")],
    ),
    ("Ukraine presented evidence against Russia at the tribunal on Monday.", [("ACCUSE", "UKR", "RUS")]),
    (
        "La Colombie a présenté des preuves contre le Venezuela devant la Cour pénale internationale lundi, a annoncé"
        " le ministère.",
        [("ACCUSE", "COL", "VEN")],
    ),
    # arms supplied are aid (military aid, CAMEO 072)
    (
        "Iran supplied arms to the Houthi rebels in Yemen last year, a United Nations report said.",
        [("AID", "IRN", "YEM.REB")],
    ),
    # support announced as not coming is a rejection
    (
        "Germany said on Monday that it would not provide military support to Turkey in the conflict.",
        [("REJECT", "DEU", "TUR")],
    ),
    # two who agree are each other's party, not the place where they will talk
    (
        "Serbia and Kosovo agreed on Monday to resume talks in Brussels, the European Union said.",
        [("AGREE", "SRB", "XKX")],
    ),
    # an object the parser hangs as a clause of its own is still the object
    (
        "The Tanzanian interior minister allowed opposition leader Tundu Lissu to hold a rally in Dodoma.",
        [("CONCEDE", "TZA.GOV", "TZA.OPP")],
    ),
    # a threat is made to whom its condition asks to act
    (
        "Iran threatened on Monday to close the Strait of Hormuz if the United States imposed new sanctions.",
        [("THREATEN", "IRN", "USA")],
    ),
    # a curfew falls on the people of the place where it is imposed; a noun after "after" is another happening,
    # not one by the clause's subject (no PROTEST by the police)
    ("The Kenyan president threatened to impose a curfew in Nairobi.", [("THREATEN", "KEN.GOV", "KEN.CVL")]),
    (
        "Police imposed a curfew in the Nigerian city of Kano on Sunday after riots.",
        [("COERCE", "NGA.COP", "NGA.CVL")],
    ),
    # security forces are coded as the military (as the PLOVER gold codes them)
    (
        "Syrian security forces attacked protesters in Damascus on Friday.",
        [("ASSAULT", "SYR.MIL", "SYR.CVL")],
    ),
    # an attack prepared is a force put on alert (MOBILIZE); one the speaker is "prepared to" make, a threat
    (
        "Ethiopian troops prepared to attack Eritrean positions near the border on Sunday.",
        [("MOBILIZE", "ETH.MIL", "ERI")],
    ),
    (
        "The Ethiopian government said it is prepared to attack Eritrean positions.",
        [("THREATEN", "ETH.GOV", "ERI")],
    ),
    (
        "Les rebelles tchadiens se préparent à attaquer l'armée soudanaise près de la frontière, a indiqué lundi"
        " un porte-parole.",
        [("MOBILIZE", "TCD.REB", "SDN.MIL")],
    ),
    # a noun trigger's phrase: its head noun ("a mediation effort between …") and, for an object, what the
    # parser hung on the verb after it ("paid a visit last week to Iraq")
    (
        "Algeria launched a mediation effort on Monday between Ethiopia and Eritrea.",
        [("CONSULT", "DZA", "ETH"), ("CONSULT", "DZA", "ERI")],
    ),
    ("The Turkish foreign minister paid a visit last week to Iraq.", [("CONSULT", "TUR.GOV", "IRQ")]),
    # a noun naming the act its source did with a verb of the same type is that act, anywhere in the sentence
    (
        "Two Somali suicide bombers killed ten people in Mogadishu on Sunday when they blew themselves up in the"
        " deadliest attack this year.",
        [("ASSAULT", "SOM.UAF", "SOM.CVL")],
    ),
    # a title "of" a province is of the province's state
    (
        "The governor of Kandahar province met Pakistani officials in Quetta on Monday.",
        [("CONSULT", "AFG.GOV", "PAK.GOV")],
    ),
    # occupations in the singular are their sector: a taxi driver is labour, a cattle rancher agriculture
    (
        "Hombres armados asesinaron el domingo a un taxista y a un ganadero en zona rural del departamento de Arauca.",
        [("ASSAULT", "COL.UAF", "COL.LAB"), ("ASSAULT", "COL.UAF", "COL.AGR")],
    ),
    # a rank abbreviated before a name is the holder's title, not the end of a sentence
    (
        "Sudanese Brig. Gen. Kamal Osman met Chadian officials in Khartoum on Tuesday.",
        [("CONSULT", "SDN.MIL", "TCD.GOV")],
    ),
    # a head of state outside the G20 and the OIC, resolved by tenure
    (
        "Lt. Gen. Prosper Avril ordered the arrest of three opposition leaders in Port-au-Prince in January 1990.",
        [("COERCE", "HTI.GOV", "HTI.OPP")],
    ),
    # an adjective the parse finds standing as an argument is a noun ("por paramilitares"); candidates and
    # political parties are of the political-party sector
    (
        "Una persona fue asesinada por paramilitares en el municipio de Tame, en Arauca, el lunes.",
        [("ASSAULT", "COL.UAF", "COL.CVL")],
    ),
    (
        "Cuatro candidatos a la alcaldía fueron amenazados por paramilitares en el departamento de Antioquia.",
        [("THREATEN", "COL.UAF", "COL.PTY")],
    ),
    (
        "Gunmen attacked two political parties' offices in Lagos, Nigerian police said on Monday.",
        [("ASSAULT", "NGA.UAF", "NGA.PTY")],
    ),
    # columnists, newspapers and websites are the media
    (
        "Paramilitares amenazaron de muerte a un columnista de los periódicos El Tiempo y El Universal.",
        [("THREATEN", "---.UAF", "---.MED")],
    ),
    # a village stands for the civilians living there; a group "in" a state is of that state
    ("Ugandan rebels attacked a village in South Sudan on Sunday.", [("ASSAULT", "UGA.REB", "SSD.CVL")]),
    # a nationality reaches its title through other modifiers ("army", "intelligence")
    ("Ecuadorian army officers met Peruvian diplomats in Quito.", [("CONSULT", "ECU.MIL", "PER.GOV")]),
    ("Thai intelligence officials shared evidence with Malaysia.", [("COOPERATE", "THA.SPY", "MYS")]),
    # a month is no "march"; a place in the verb phrase stands for its state when no actor is there
    ("Rebels attacked a police station in northern Mali last March.", [("ASSAULT", "MLI.REB", "MLI.COP")]),
    ("The European Union gave Niger 20 million euros of aid on Monday.", [("AID", "IGO.EU", "NER")]),
    # a generic head ("leaders", "officials") takes the sector of the role before it
    (
        "Sudanese rebel leaders met government officials in Khartoum on Monday.",
        [("CONSULT", "SDN.REB", "SDN.GOV")],
    ),
    ("Colombian military officials accused the rebels of the attack.", [("ACCUSE", "COL.MIL", "COL.REB")]),
    # a capital acting is its government; a title's organisation may follow it ("the leaders of the AU")
    (
        "Washington demanded that Caracas release the detained journalists.",
        [("REQUEST", "USA.GOV", "VEN.GOV")],
    ),
    (
        "The leaders of the African Union met Sudanese officials in Khartoum.",
        [("CONSULT", "IGO.AU", "SDN.GOV")],
    ),
    # a nationality after its title ("le président iranien", "el canciller venezolano"), then the name
    (
        "Le président iranien Hassan Rohani a rencontré le ministre turc des Affaires étrangères à Ankara.",
        [("CONSULT", "IRN.GOV", "TUR.GOV")],
    ),
    (
        "El presidente colombiano Gustavo Petro se reunió con el canciller venezolano en Caracas.",
        [("CONSULT", "COL.GOV", "VEN.GOV")],
    ),
    # "Title Name of Country"
    ("King Abdullah of Jordan met the Egyptian president on Monday.", [("CONSULT", "JOR.GOV", "EGY.GOV")]),
    # an adjective that is also a role word ("military aid") is nobody; the state after "to" is the target
    (
        "Colombian Defence Minister Juan Gomez has promised to continue military aid to Haiti.",
        [("AGREE", "COL.GOV", "HTI")],
    ),
    # an office-holder the text calls former is an elite (ELI), whatever the knowledge base says of that day
    ("Former Peruvian president Alan Garcia criticised the government.", [("ACCUSE", "PER.ELI", "PER.GOV")]),
    (
        "L'ancien président iranien Mohammad Khatami a rencontré le secrétaire général de l'OCI.",
        [("CONSULT", "IRN.ELI", "IGO.OIC")],
    ),
    ("El expresidente colombiano Álvaro Uribe criticó al gobierno.", [("ACCUSE", "COL.ELI", "COL.GOV")]),
    # an attack with a bomb or a mine by no one named is by unidentified attackers where it happened (ICEWS)
    (
        "Two Nigerian soldiers were killed by a roadside bomb in Maiduguri on Monday.",
        [("ASSAULT", "NGA.UAF", "NGA.MIL")],
    ),
    (
        "Deux policiers maliens ont été tués par l'explosion d'une mine près de Gao.",
        [("ASSAULT", "MLI.UAF", "MLI.COP")],
    ),
    # destroying property is coercion (CAMEO 1712 under 17), not an assault on people; homes stand for the
    # civilians who live in them
    (
        "Israeli soldiers demolished Palestinian homes in Hebron on Monday.",
        [("COERCE", "ISR.MIL", "PSE.CVL")],
    ),
    # an act announced on a condition is a threat
    (
        "Kenya will withdraw its troops from Somalia unless the Somali government pays for them.",
        [("THREATEN", "KEN", "SOM")],
    ),
    # coordinated actors in the verb phrase are each a target
    (
        "Pakistan threatened to break off diplomatic relations with Chile and Peru.",
        [("THREATEN", "PAK", "CHL"), ("THREATEN", "PAK", "PER")],
    ),
    # what a mobilisation moves is the source's own force; its target is whom it is against
    ("Chile mobilized army reservists for a possible war against Bolivia.", [("MOBILIZE", "CHL", "BOL")]),
    # a noun's "by" phrase names who did it, not the subject of the verb it hangs off; nor is it the target
    (
        "The Nigerian government imposed a curfew after violent protests by Nigerian students.",
        [("COERCE", "NGA.GOV", None), ("PROTEST", "NGA.EDU", None)],
    ),
    (
        "Kenya condemned the attack by Somali militants on a bus.",
        [("ACCUSE", "KEN", "SOM.REB"), ("ASSAULT", "SOM.REB", None)],
    ),
    # telling someone is a meeting of the two; telling the press is a public statement, no event of its own
    (
        "The Iranian foreign minister told his Iraqi counterpart that the border would stay open.",
        [("CONSULT", "IRN.GOV", "IRQ")],
    ),
    ("The Iranian foreign minister told reporters in Tehran that the border would stay open.", []),
    # in an attack that its sentence places, the unnamed are of the place's state; with no place, of none
    ("Gunmen killed 12 people in Kandahar on Sunday.", [("ASSAULT", "AFG.UAF", "AFG.CVL")]),
    ("Gunmen killed 12 people on Sunday.", [("ASSAULT", "---.UAF", "---.CVL")]),
    # a nominal request is aimed at the subject of its clause; what it asks for has not happened
    ("Egypt repeated its call for Israel to withdraw from Gaza.", [("REQUEST", "EGY", "ISR")]),
    ("Egypt renewed its appeal to Israel to withdraw from Gaza.", [("REQUEST", "EGY", "ISR")]),
    # a capital that acts or is acted on is its government; one where something happens is a place
    (
        "Kabul accused Islamabad on Monday of sheltering the militants who attacked a checkpoint.",
        [("ACCUSE", "AFG.GOV", "PAK.GOV")],
    ),
    # a place is where it happened however deep its preposition sits in the phrase; a bomb there is its state's
    (
        "A local journalist was killed on Monday in a car bomb explosion in a residential district of eastern Beirut.",
        [("ASSAULT", "LBN.UAF", "LBN.MED")],
    ),
    # an armed group is a cue like a state: its leaders are coded as it is
    (
        "US drone strikes have killed four al-Qaeda leaders in Yemen since January, officials said.",
        [("ASSAULT", "USA", "IMG")],
    ),
    ("Taliban commanders met Pakistani officials in Doha on Monday.", [("CONSULT", "AFG.REB", "PAK.GOV")]),
    # a province names its state: the unnamed there are of it
    ("Gunmen killed five police officers in Balochistan on Monday.", [("ASSAULT", "PAK.UAF", "PAK.COP")]),
    # with no parser, Arabic's verb-first clauses: the first actor after the verb is its subject
    ("هاجم مسلحون مركزا للشرطة العراقية في الموصل يوم الأحد.", [("ASSAULT", "IRQ.UAF", "IRQ.COP")]),
    # a group is of the state it comes from; "advisor" is spelled both ways
    (
        "The president will meet exiled dissidents from Myanmar in Washington on Friday.",
        [("CONSULT", "---.GOV", "MMR.OPP")],
    ),
    (
        "Iraq's national security advisor met the Syrian president in Damascus on Tuesday.",
        [("CONSULT", "IRQ.GOV", "SYR.GOV")],
    ),
    # ... and a state named beside a group it qualifies is that group's word, no target of its own
    ("تظاهر مئات من الطلاب الجزائريين أمام السفارة الفرنسية يوم الاثنين.", [("PROTEST", "DZA.EDU", "FRA")]),
    # hostage-takers are criminals (CAMEO's CRM), of no state here: the sentence names two
    (
        "The French government said it would not meet the hostage-takers' demands to release prisoners in Iraq.",
        [("REJECT", "FRA.GOV", "---.CRM")],
    ),
    # a state's demonym as a plural noun names its people (ICEWS's "Citizen (Libya)"), not the state
    (
        "Thousands of Libyans protested in Tripoli against the government.",
        [("PROTEST", "LBY.CVL", "LBY.GOV")],
    ),
    (
        "Des milliers d'Algériens ont manifesté à Alger contre le gouvernement.",
        [("PROTEST", "DZA.CVL", "DZA.GOV")],
    ),
    # ... and so does a singular one with its determiner: a person of that state
    (
        "A Palestinian was shot dead by Israeli soldiers.",
        [("ASSAULT", "ISR.MIL", "PSE.CVL")],
    ),
    # ... and a people the knowledge base does not know, named with a state's adjective, is that state's citizens
    (
        "Hundreds of Syrian Kurds marched in Qamishli on Friday against the government.",
        [("PROTEST", "SYR.CVL", "SYR.GOV")],
    ),
]


@pytest.fixture(scope="module")
def coded(pipeline: Pipeline) -> dict[str, Article]:
    texts = [text for text, _ in CASES]
    articles = [new_article(source=f"test:{i}", format="text", text=t) for i, t in enumerate(texts)]
    return {text: article for text, article in zip(texts, pipeline.process(articles), strict=True)}


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[text[:40] for text, _ in CASES])
def test_sentence_is_coded(
    coded: dict[str, Article], text: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    article = coded[text]
    assert isinstance(article, Article)
    got = [
        (e.type, e.source.code if e.source else None, e.target.code if e.target else None)
        for e in article.events
    ]
    assert got == expected


def _processed(pipeline: Pipeline, text: str, source: str) -> Article:
    (article,) = pipeline.process([new_article(source=source, format="text", text=text)])
    assert isinstance(article, Article)
    return article


def _codes(pipeline: Pipeline, text: str, source: str) -> dict[str, str | None]:
    """Each mention's text and code."""
    return {m.span.text: m.code for m in _processed(pipeline, text, source).mentions}


def test_a_promise_of_aid_is_cameo_033(coded: dict[str, Article]) -> None:
    (event,) = coded["Japan will provide emergency aid to Nepal, the Japanese foreign ministry said."].events
    assert event.cameo == "033" and event.mode != "future"


def test_arabic_nationalities_follow_their_noun(pipeline: Pipeline) -> None:
    # "The American president said that the American forces will withdraw from Iraq", with the other common
    # spelling of "American" (أميركي) and no hamza on the alef of Iraq's article-prefixed form
    text = "قال الرئيس الأميركي إن القوات الاميركية ستنسحب من العراق"
    codes = _codes(pipeline, text, "test:ar")
    assert codes["الرئيس"] == "USA.GOV" and codes["القوات"] == "USA.MIL" and codes["العراق"] == "IRQ"


def test_a_demonym_names_people_and_a_capital_its_government_only_as_the_clause_says(
    pipeline: Pipeline,
) -> None:
    texts = [
        "The Philippines protested to China on Monday over the ramming of its coast guard vessel.",
        "Iraqi Kurds attacked Turkish troops near the border on Monday, the army said.",
        "Two bombs exploded in Kabul on Tuesday, killing five civilians, police said.",
        "César Gaviria se reunió el lunes con el presidente de Venezuela en Caracas.",
    ]
    articles = [new_article(source=f"demonym:{i}", format="text", text=t) for i, t in enumerate(texts)]
    philippines, kurds, kabul, gaviria = pipeline.process(articles)
    assert isinstance(philippines, Article) and isinstance(kurds, Article) and isinstance(kabul, Article)
    assert isinstance(gaviria, Article)
    assert {m.code for m in philippines.mentions if m.span.text == "Philippines"} == {"PHL"}  # a name
    assert {m.code for m in kurds.mentions if m.span.text == "Iraqi"} == {"IRQ"}  # a modifier
    assert {m.code for m in kabul.mentions if m.span.text == "Kabul"} == {"AFG"}  # where it happened
    # a person whose name is also a region's (Colombia's Cesar department) stays a person
    assert [m.kind.value for m in gaviria.mentions if m.span.text.startswith("César")] == ["person"]


def test_unnamed_groups_take_the_one_state_their_sentence_or_article_names(pipeline: Pipeline) -> None:
    texts = [
        # a department's name in capitals, which the tagger reads as an organisation, is still the department
        "Hombres armados asesinaron a un comerciante en la vereda La Esperanza , ARAUCA , SARAVENA",
        # a sentence that names no state takes the article's, when the article names just one
        "Paramilitares asesinaron el domingo a tres campesinos en el departamento del Cauca. "
        "Al día siguiente los paramilitares quemaron dos viviendas.",
    ]
    articles = [new_article(source=f"local:{i}", format="text", text=t) for i, t in enumerate(texts)]
    caps, two_sentences = pipeline.process(articles)
    assert isinstance(caps, Article) and isinstance(two_sentences, Article)
    assert {m.span.text: m.code for m in caps.mentions}["Hombres armados"] == "COL.UAF"
    later = {m.span.text: (m.code, m.method) for m in two_sentences.mentions if m.sentence == 1}
    assert later["paramilitares"] == ("COL.UAF", "title:collective+article-country")
    assert later["viviendas"][0] == "COL.CVL"


def test_a_minority_is_coded_with_the_state_it_lives_in(pipeline: Pipeline) -> None:
    # "<people> of <state>"; "ethnic <people>": the other state their sentence names most; "<state's adjective>
    # <people living in several states>"
    texts = {
        "The Hungarians of southern Slovakia protested against the new language law.": (
            "Hungarians",
            "SVK.CVL",
        ),
        "Ethnic Uzbeks fled the violence in Osh, Kyrgyz officials said.": ("Uzbeks", "KGZ.CVL"),
        "Kosovo Serbs blocked roads near the border on Monday.": ("Serbs", "XKX.CVL"),
        "Los serbios bosnios bloquearon las carreteras cerca de la frontera el lunes.": (
            "serbios",
            "BIH.CVL",
        ),
        # ... but a nationality of one state stays that state's
        "Turkish Cypriots protested in Nicosia on Monday.": ("Cypriots", "CYP.CVL"),
        # refugees are CAMEO's REF, of the state they come from
        "Refugees from Syria crossed into Turkey on Monday.": ("Refugees", "SYR.REF"),
    }
    for i, (text, (people, code)) in enumerate(texts.items()):
        assert _codes(pipeline, text, f"test:minority-{i}")[people] == code, text


def test_a_city_is_placed_in_its_state_by_the_gazetteer(pipeline: Pipeline) -> None:
    # a city the KB does not know is its state's, and its sentence's unnamed take that state
    codes = _codes(pipeline, "Gunmen killed five people in Peshawar on Monday.", "test:city")
    assert codes == {"Gunmen": "PAK.UAF", "people": "PAK.CVL", "Peshawar": "PAK"}
    # ... a name several actors share (Granada is also Grenada, in Spanish), or a small town the gazetteer knows
    # in one state only (the Colombian hamlet's Argentine namesake), gives its sentence no state
    for i, text in enumerate(
        [
            "Soldados del Ejército asesinaron a un campesino en el municipio de GRANADA.",
            "Unos paramilitares asesinaron a un campesino en el caserío Puerto Esperanza.",
        ]
    ):
        codes = _codes(pipeline, text, f"test:unsure-{i}")
        assert codes["campesino"] == "---.AGR", text
    # ... and a place name that goes on is part of a longer name, no place
    text = "El presidente de la Union Sindical Obrera fue amenazado por paramilitares en Barrancabermeja."
    assert "Union" not in _codes(pipeline, text, "test:name-goes-on")
    # ... but in an article that names a state, a name found only elsewhere is one of its villages (a Brazilian
    # city shares this Colombian village's name)
    text = "Hombres armados asesinaron a un campesino en la vereda Campo Alegre , ANTIOQUIA , SAN CARLOS"
    codes = _codes(pipeline, text, "test:village")
    assert codes["Campo Alegre"] is None and codes["SAN CARLOS"] == "COL"
    # ... a state's or a capital's name after a word for a hamlet or a neighbourhood names that small place, and
    # a province's name that goes on ("Valle del Guamuez") is a town's, not Honduras's department Valle
    text = (
        "Hombres armados asesinaron a un campesino en la vereda Buenos Aires del barrio El Paraíso , TOLIMA"
    )
    codes = _codes(pipeline, text, "test:hamlet")
    assert codes["campesino"] == "COL.AGR" and codes["Buenos Aires"] is None
    text = "Guerrilleros de las FARC atacaron a tropas del Ejército , PUTUMAYO , VALLE DEL GUAMUEZ"
    assert _codes(pipeline, text, "test:valle")["tropas"] == "COL.MIL"


def test_a_people_that_lives_mostly_in_one_state_is_coded_with_it(pipeline: Pipeline) -> None:
    text = "Igbo traditional elders accused Hausa politicians of stoking the riots in the north."
    codes = _codes(pipeline, text, "test:peoples")
    assert codes["elders"] == "NGA.ELI" and codes["politicians"] == "NGA.ELI"
    codes = _codes(pipeline, "Chechen rebels ambushed an army convoy near the border.", "test:peoples-2")
    assert codes["rebels"] == "RUS.REB"


def test_a_group_from_or_after_a_province_or_a_capital_is_of_its_state(pipeline: Pipeline) -> None:
    codes = _codes(
        pipeline, "Kabul police said Pakistani gunmen attacked Indian engineers.", "test:capital-cue"
    )
    assert codes["police"] == "AFG.COP"  # a capital right before a group: its state's, whatever else is named
    text = "Villagers from Kandahar province fled to Pakistan after the fighting."
    assert _codes(pipeline, text, "test:from-province")["Villagers"] == "AFG.CVL"
    text = "توفي لاجئ من التبت في الهند بعد إضرابه عن الطعام"  # a refugee from Tibet died in India
    assert _codes(pipeline, text, "test:ar-from")["لاجئ"] == "CHN.REF"
    text = "اعتقلت شرطة إسلام آباد خمسة رجال في باكستان بعد هجوم على السفارة الأمريكية"  # Islamabad's police
    assert _codes(pipeline, text, "test:ar-construct")["شرطة"] == "PAK.COP"


def test_an_arabic_construct_of_two_role_nouns_is_one_group_the_heads(pipeline: Pipeline) -> None:
    text = "قتل اثنان من حراس الأمن الأفغان في هجوم على قاعدة في قندهار"  # two Afghan security guards were killed
    codes = _codes(pipeline, text, "test:ar-construct-roles")
    assert codes["حراس الأمن"] == "AFG.MIL" and "الأمن" not in codes


def test_an_arabic_group_in_a_state_after_its_adjectives_is_of_it(pipeline: Pipeline) -> None:
    # "a group calling itself the National Islamic Resistance in Iraq claimed the kidnapping of four Americans"
    text = "اعلنت مجموعة تطلق على نفسها المقاومة الوطنية الاسلامية في العراق مسؤوليتها عن خطف اربعة اميركيين"
    assert _codes(pipeline, text, "test:ar-in")["المقاومة"] == "IRQ.REB"


def test_a_role_adjective_on_a_word_for_a_group_names_the_group(pipeline: Pipeline) -> None:
    text = "Un campesino fue amenazado por grupos paramilitares en Antioquia."
    assert _codes(pipeline, text, "test:grupos")["paramilitares"] == "COL.UAF"
    # ... and on a word for an attack, who attacked
    text = "La policía dijo que los atentados guerrilleros dejaron tres muertos en el sur del país."
    assert _codes(pipeline, text, "test:atentados")["guerrilleros"] == "---.REB"


def test_an_unknown_association_or_foundation_is_a_non_governmental_organisation(pipeline: Pipeline) -> None:
    text = "The Association of Caribbean Lawyers condemned the arrest of three judges on Monday."
    assert _codes(pipeline, text, "test:ngo")["Association of Caribbean Lawyers"] == "NGO"


def test_advisers_take_the_sector_of_the_word_before_them(pipeline: Pipeline) -> None:
    text = "Rebels kidnapped sixteen Russian civilian advisers and two US military advisers on Monday."
    codes = _processed(pipeline, text, "test:advisers").mentions
    assert [m.code for m in codes if m.span.text == "advisers"] == ["RUS.CVL", "USA.MIL"]


def test_a_legislature_known_by_its_own_name_is_its_states(pipeline: Pipeline) -> None:
    codes = _codes(pipeline, "The Duma approved the new law on foreign agents on Monday.", "test:duma")
    assert codes["Duma"] == "RUS.LEG"  # not the Syrian town Douma


def test_police_and_military_sources_are_the_police_and_the_military(pipeline: Pipeline) -> None:
    # Spanish "medios" alone are the media; "medios policiales" are police sources
    text = "Medios policiales señalaron que los guerrilleros atacaron un cuartel en el Cauca."
    assert _codes(pipeline, text, "test:sources")["Medios policiales"] == "COL.COP"


def test_a_state_name_that_begins_a_persons_name_is_the_person(pipeline: Pipeline) -> None:
    # Mauricio is Mauritius in Spanish
    text = "Para Mauricio Fernández, director del penal, la protesta de los reclusos terminó por la falta de agua."
    codes = _codes(pipeline, text, "test:first-name")
    assert "Mauricio" not in codes and codes["reclusos"] == "---.CRM"


def test_a_ruler_two_states_call_alike_is_the_one_the_article_names(pipeline: Pipeline) -> None:
    codes = _codes(pipeline, "Jordan's King Abdullah met the Iraqi president in Amman.", "test:king-jor")
    assert codes["King Abdullah"] == "JOR.GOV"
    codes = _codes(pipeline, "Saudi Arabia's King Abdullah received the Iraqi president.", "test:king-sau")
    assert codes["King Abdullah"] == "SAU.GOV"


def test_arabic_role_words_in_their_other_forms(pipeline: Pipeline) -> None:
    # "Iraqi police officials said that rebels attacked people in Baghdad on Sunday and killed a number of
    # residents": rebels, persons (accusative) and residents are role words
    text = "قال مسؤولون في الشرطة العراقية إن متمردين هاجموا أشخاصا في بغداد يوم الأحد وقتلوا عددا من السكان."
    codes = _codes(pipeline, text, "test:ar-roles")
    assert codes["متمردين"] == "IRQ.REB" and codes["أشخاصا"] == "IRQ.CVL" and codes["السكان"] == "IRQ.CVL"
    # "gunmen killed an American soldier and wounded Afghan civilians": a singular in the accusative, and a
    # broken-plural demonym after its group
    text = "قال مسؤولون إن مسلحين قتلوا جنديا أميركيا وأصابوا مدنيين أفغان في ولاية قندهار يوم الأحد."
    codes = _codes(pipeline, text, "test:ar-roles-2")
    assert codes["جنديا"] == "USA.MIL" and codes["مدنيين"] == "AFG.CVL"
    # "witnesses said that riot police dispersed hundreds of Copts in front of the radio building in Cairo"
    text = "قال شهود إن قوات مكافحة الشغب فرقت مئات من الأقباط أمام مبنى الإذاعة في القاهرة يوم الأحد."
    codes = _codes(pipeline, text, "test:ar-roles-3")
    assert codes["قوات مكافحة الشغب"] == "EGY.COP" and codes["الأقباط"] == "EGY.REL"
    # "the opposition in Tbilisi demanded on Saturday the resignation of the president": a title with Arabic's
    # article written into it names someone, as "the president" does
    text = "طالبت المعارضة في تبليسي يوم السبت باستقالة الرئيس بعد أسبوع من التظاهرات في شوارع العاصمة."
    codes = _codes(pipeline, text, "test:ar-roles-4")
    assert codes["الرئيس"] == "GEO.GOV"
    # "officials said that «al-Qaeda» claimed the attack on the military base": in quotes the word is the name, bare
    # it is "the base"; officials take no code from a transnational group
    text = "وقال مسؤولون إن «القاعدة» تبنت الهجوم على القاعدة العسكرية في شمال البلاد يوم الأحد."
    codes = _codes(pipeline, text, "test:ar-roles-5")
    assert codes == {"مسؤولون": "---.GOV", "«القاعدة»": "IMG"}
    # "gunmen kidnapped a district governor in eastern Afghanistan": a title in a construct names someone
    text = "اختطف مسلحون حاكم منطقة في شرق أفغانستان يوم الأحد."
    codes = _codes(pipeline, text, "test:ar-roles-6")
    assert codes["حاكم"] == "AFG.GOV"
    # "Ayatollah Ali al-Sistani called on the Iraqis to stay calm": a cleric the KB knows; a plural demonym
    # that follows no group it could describe names a people
    text = "دعا المرجع الشيعي آية الله علي السيستاني العراقيين إلى الهدوء."
    codes = _codes(pipeline, text, "test:ar-roles-7")
    assert codes == {"علي السيستاني": "IRQ.REL", "العراقيين": "IRQ.CVL"}
    # "hundreds of the Kefaya movement's protesters demonstrated in Cairo": a plural's oblique construct form;
    # "the Awakening forces" are the Iraqi tribal militias, not a state's forces
    assert _codes(pipeline, "تظاهر مئات من متظاهري حركة كفاية في القاهرة.", "test:ar-roles-8") == {
        "متظاهري": "EGY.CVL",
        "القاهرة": "EGY",
    }
    assert (
        _codes(pipeline, "قتل عناصر من قوات الصحوة في بغداد.", "test:ar-roles-9")["قوات الصحوة"] == "IRQ.UAF"
    )
    # "gunmen kidnapped a soldier from NATO in Kandahar province": a group "from" an organisation is of it
    text = "اختطف مسلحون جنديا من حلف شمال الأطلسي في ولاية قندهار."
    assert _codes(pipeline, text, "test:ar-roles-10")["جنديا"] == "IGO.NATO"


def test_who_reports_an_arabic_sentence_is_no_actor_of_what_it_reports(pipeline: Pipeline) -> None:
    # "Iraqi police officials said that 13 people were wounded after US forces carried out an air strike on
    # members of the Mahdi Army": the officials and the police report, the forces strike
    text = (
        "وقال مسؤولون في الشرطة العراقية إن 13 شخصا أصيبوا بعدما نفذت القوات الأميركية ضربة جوية على عناصر من جيش"
        " المهدي."
    )
    article = _processed(pipeline, text, "test:ar-reported")
    assert [(e.type, e.source and e.source.code, e.target and e.target.code) for e in article.events] == [
        ("ASSAULT", "USA.MIL", "IRQ.REB")
    ]


def test_a_name_spelled_out_before_its_acronym_is_the_acronyms_organisation(pipeline: Pipeline) -> None:
    text = "The International Atomic Agency (IAEA) sent inspectors to Iran on Monday, diplomats said."
    article = _processed(pipeline, text, "test:acronym")
    (spelled,) = [m for m in article.mentions if m.span.text == "International Atomic Agency"]
    assert (spelled.code, spelled.method) == ("IGO.IAEA", "kb:acronym")


def test_a_list_the_parser_reads_as_an_apposition_is_still_a_list(pipeline: Pipeline) -> None:
    # the parser makes "Argentina" an apposition of "Brazil": the meeting still has three participants
    text = "Brazil, Argentina, and Chile met on Monday in Montevideo to discuss trade."
    article = _processed(pipeline, text, "test:list")
    (event,) = article.events
    assert event.type == "CONSULT" and [p.code for p in event.participants] == ["BRA", "ARG", "CHL"]


def test_a_name_the_kb_lacks_right_after_a_role_word_takes_its_code(pipeline: Pipeline) -> None:
    text = "The Tanzanian interior minister allowed opposition leader Tundu Lissu to hold a rally in Dodoma."
    article = _processed(pipeline, text, "test:role-name")
    (leader,) = [m for m in article.mentions if m.span.text == "Tundu Lissu"]
    assert leader.code == "TZA.OPP" and leader.method.startswith("title+name")
