"""UN phrase vocabulary: lead phrases -> base verbs, directive levels, actors, funding wordings.

Everything the parser and extractor know about UN drafting language lives here, so that a new
wording is one line in one table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# --- verbs -------------------------------------------------------------------------------------

# Directive level: an analytical convention of this project, NOT a UN one (the UN defines no order
# of strength between its operative verbs). Higher means more directive.
DIRECTIVE_LEVEL_LABELS: dict[int, str] = {
    7: "decides / authorizes",
    6: "requests",
    5: "urges",
    4: "calls upon",
    3: "encourages",
    2: "invites",
    1: "notes, welcomes and other",
}
DIRECTIVE_LEVEL_NOTE = (
    "Directive level is an analytical convention of Resolution Explorer "
    "(decide/authorize > request > urge > call upon > encourage > invite > note/welcome/other); "
    "the United Nations defines no such order."
)
_LEVELS = {
    "decide": 7, "authorize": 7,
    "request": 6,
    "urge": 5, "appeal": 5,
    "call upon": 4,
    "encourage": 3,
    "invite": 2,
}

# Base verbs (infinitive, particles kept) seen as lead phrases of UN resolutions.
BASE_VERBS: tuple[str, ...] = (
    "accept", "acknowledge", "act", "adopt", "affirm", "agree", "alarm", "appeal", "applaud", "appoint",
    "appreciate", "approve", "assure", "authorize", "bear in mind", "believe", "call for",
    "call on", "call upon", "commend", "commit", "concern", "condemn", "confirm", "congratulate", "consider",
    "convene", "convince", "decide", "declare", "deplore", "designate", "determine", "direct",
    "disturb", "draw attention", "elect", "examine", "emphasize", "encourage", "endorse", "express",
    "extend", "guide", "hear", "highlight", "inspire", "invite", "keep in mind", "look forward", "mind",
    "note", "observe", "pay tribute", "praise", "proclaim", "reaffirm", "realize", "recall", "receive",
    "recognize", "recommend", "regard", "regret", "reiterate", "reject", "remind", "renew", "request",
    "resolve", "seek", "share", "stress", "support", "take into account",
    "take into consideration", "take note", "thank", "transmit", "underline", "underscore",
    "urge", "welcome", "wish",
)
# Adjectives that open preambular paragraphs; their "verb" is the adjective itself.
LEAD_ADJECTIVES: tuple[str, ...] = (
    "mindful", "aware", "conscious", "cognizant", "desirous", "appalled", "gratified",
    "grateful", "pleased", "satisfied", "confident", "resolved",
)
# Words that modify a lead phrase without changing its verb.
LEAD_MODIFIERS: tuple[str, ...] = (
    "also", "further", "furthermore", "strongly", "deeply", "gravely", "seriously", "once",
    "again", "firmly", "warmly", "most", "hereby", "urgently", "fully", "moreover", "equally",
    "having", "being", "ever",
)
# Variants of one verb, grouped under one base verb.
SYNONYMS: dict[str, str] = {"call on": "call upon"}
# Complements after the verb that do not change it ("Takes note with appreciation").
_COMPLEMENT_RE = re.compile(
    r"\s+with\s+(?:deep\s+|grave\s+|great\s+|serious\s+|particular\s+)?"
    r"(?:appreciation|satisfaction|concern|interest|gratitude|regret|alarm)\b.*$"
    r"|\s+(?:by|that|at|about|of)\b.*$",
    re.IGNORECASE,
)
_IRREGULAR = {"take": ("takes", "taking", "taken"), "bear": ("bears", "bearing", "borne"),
              "seek": ("seeks", "seeking", "sought"), "have": ("has", "having", "had")}
_DOUBLE_FINAL = {"regret", "commit", "submit", "admit", "permit", "refer", "compel"}
_IRREGULAR.update({"hear": ("hears", "hearing", "heard")})


def _inflections(word: str) -> tuple[str, str, str]:
    """Third person, -ing and past participle of a regular English verb."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if re.search(r"(s|sh|ch|x|z)$", word):
        third = word + "es"
    elif re.search(r"[^aeiou]y$", word):
        third = word[:-1] + "ies"
    else:
        third = word + "s"
    if word in _DOUBLE_FINAL:
        return third, word + word[-1] + "ing", word + word[-1] + "ed"
    if word.endswith("ee"):
        return third, word + "ing", word + "d"
    if word.endswith("e"):
        return third, word[:-1] + "ing", word + "d"
    if re.search(r"[^aeiou]y$", word):
        return third, word + "ing", word[:-1] + "ied"
    return third, word + "ing", word + "ed"


@lru_cache(maxsize=1)
def verb_forms() -> dict[str, str]:
    """Every inflected form (lower case, particles kept) -> base verb."""
    forms: dict[str, str] = {}
    for base in BASE_VERBS:
        head, _, rest = base.partition(" ")
        tail = f" {rest}" if rest else ""
        for form in (head, *_inflections(head)):
            forms.setdefault(form + tail, base)
    for adjective in LEAD_ADJECTIVES:
        forms[adjective] = adjective
    return forms


def _lead_regex() -> re.Pattern[str]:
    forms = sorted(verb_forms(), key=len, reverse=True)
    alternatives = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
    modifiers = "|".join(LEAD_MODIFIERS)
    return re.compile(
        rf"^(?:(?:{modifiers})\s+)*(?:{alternatives})"
        r"(?:\s+(?:also|further|again))?"
        r"(?:\s+with\s+(?:deep\s+|grave\s+|great\s+|serious\s+|particular\s+)?"
        r"(?:appreciation|satisfaction|concern|interest|gratitude|regret|alarm))?"
        r"(?:\s+(?:also|further))?"
        r"(?=[\s,:;]|$)",
        re.IGNORECASE,
    )


LEAD_RE = _lead_regex()


@dataclass(frozen=True)
class Verb:
    """A lead phrase resolved to its base verb."""

    verb: str
    known: bool  # False when guessed from the word's shape


_INSERTION_RE = re.compile(r",\s*[^,]{1,60},\s*")


@lru_cache(maxsize=4096)
def base_verb(lead_phrase: str) -> Verb | None:
    """Base verb of a lead phrase: 'Also requests' -> request, 'Encouraged by' -> encourage."""
    lead_phrase = _INSERTION_RE.sub(" ", lead_phrase)  # "Also, in this regard, calls upon"
    phrase = re.sub(r"[^\w\s'-]", " ", lead_phrase).strip().lower()
    phrase = re.sub(r"\s+", " ", _COMPLEMENT_RE.sub("", phrase))
    words = phrase.split()
    while words and (words[0] in LEAD_MODIFIERS or (words[0].endswith("ly") and len(words) > 1)):
        words.pop(0)  # "Greatly appreciates", "Solemnly proclaiming": an adverb never changes the verb
    while words and words[-1] in ("also", "further", "again"):
        words.pop()
    if not words:
        return None
    forms = verb_forms()
    for size in range(min(4, len(words)), 0, -1):
        candidate = " ".join(words[:size])
        if candidate in forms:
            return Verb(SYNONYMS.get(forms[candidate], forms[candidate]), known=True)
    return _guess_base(words[0])


def _guess_base(word: str) -> Verb | None:
    """Base form of an unknown verb from its shape (Deplores -> deplore)."""
    for suffix, replacement in (("ies", "y"), ("sses", "ss"), ("es", "e"), ("s", ""),
                                ("ing", ""), ("ied", "y"), ("ed", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return Verb(word[: len(word) - len(suffix)] + replacement, known=False)
    return None


def directive_level(verb: str) -> int:
    """Directive level of an operative base verb (analytical convention, see the note)."""
    return _LEVELS.get(verb, 1)


def match_lead(text: str) -> str | None:
    """The lead phrase at the start of plain text, recognised from the vocabulary."""
    match = LEAD_RE.match(text)
    if not match:
        return None
    lead = match.group(0)
    return lead if lead[0].isupper() else None


# --- instrument labels --------------------------------------------------------------------------

# a line that is nothing but an instrument's label: "Draft resolution I", "Decision 33/1"
BARE_LABEL_RE = re.compile(
    r"^(?:draft\s+)?(?:resolution|decision)(?:\s+(?:[IVXLC]+|\d{1,4}/\d{1,4}|[A-Z]|\d{1,3}))?$", re.IGNORECASE)

# --- sponsors ---------------------------------------------------------------------------------

# Member States and observers whose names hold an "and": a list of sponsors is not split inside them
NAMES_WITH_AND: tuple[str, ...] = (
    "Antigua and Barbuda", "Bosnia and Herzegovina", "Saint Kitts and Nevis", "Saint Vincent and the Grenadines",
    "Sao Tome and Principe", "Trinidad and Tobago", "United Kingdom of Great Britain and Northern Ireland",
    "Heard Island and McDonald Islands", "Wallis and Futuna", "Turks and Caicos Islands", "Group of 77 and China",
)
_NAMES_WITH_AND_RE = re.compile("|".join(re.escape(n) for n in NAMES_WITH_AND))


def split_sponsors(text: str) -> list[str]:
    """'Austria, Bosnia and Herzegovina and Chile' -> the three names, footnote asterisks dropped."""
    protected = _NAMES_WITH_AND_RE.sub(lambda m: m.group(0).replace(" and ", " \x00 "), text.replace("*", ""))
    # nothing inside parentheses is split: "Iraq (on behalf of the Group of 77 and China)"
    protected = re.sub(r"\([^()]*\)", lambda m: m.group(0).replace(",", "\x01").replace(" and ", " \x00 "), protected)
    names = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", protected)
    return [re.sub(r"\s+", " ", n.replace("\x00", "and").replace("\x01", ",")).strip(" .") for n in names if n.strip(" .")]


# --- bodies ------------------------------------------------------------------------------------

BODIES: dict[str, str] = {
    # as written (lower case) -> canonical name
    "general assembly": "General Assembly",
    "economic and social council": "Economic and Social Council",
    "commission on crime prevention and criminal justice": "Commission on Crime Prevention and Criminal Justice",
    "commission on narcotic drugs": "Commission on Narcotic Drugs",
    "commission on the status of women": "Commission on the Status of Women",
    "security council": "Security Council",
    "human rights council": "Human Rights Council",
}
BODY_PATTERN = "(?i:" + "|".join(re.escape(b).replace(r"\ ", r"\s+") for b in sorted(BODIES, key=len, reverse=True)) + ")"


# Short forms as the crime-prevention reports use them once the full name has been given.
BODY_ALIASES: dict[str, str] = {
    "commission": "Commission on Crime Prevention and Criminal Justice",
    "assembly": "General Assembly",
    "council": "Economic and Social Council",
}
BODY_MENTION_PATTERN = BODY_PATTERN[:-1] + r"|Commission(?!\s+on\s))"


def commission_for(acting_body: str | None) -> str:
    """What 'the Commission' means in an instrument: the acting commission, else the CCPCJ."""
    if acting_body and acting_body.startswith("Commission"):
        return acting_body
    return BODY_ALIASES["commission"]


def canonical_body(name: str) -> str:
    """Canonical name of a UN body, or the name tidied when unknown."""
    tidy = re.sub(r"\s+", " ", name).strip(" ,:;.")
    tidy = re.sub(r"^the\s+", "", tidy, flags=re.IGNORECASE)
    return BODIES.get(tidy.lower()) or BODY_ALIASES.get(tidy.lower(), tidy)


# --- addressees --------------------------------------------------------------------------------

SECRETARIAT = "UN Secretariat and UNODC"
THE_COMMISSION = "the Commission"  # stands for the acting commission, else the CCPCJ: see commission_for
MEMBER_STATES = "Member States"
COMMISSION = "Commission and its expert groups"
UN_ENTITIES = "other UN entities"
OTHERS = "others"
ADDRESSEE_GROUPS = (SECRETARIAT, MEMBER_STATES, COMMISSION, UN_ENTITIES, OTHERS)

# what the parts of the United Nations system are called when the text lists them
_UN_PARTS = r"(?:(?:relevant|other|specialized|intergovernmental)\s+)?(?:agencies|organizations|entities|funds|programmes|bodies|organs)"
# (pattern, canonical name, group); the first pattern that matches a stretch of text wins.
ACTORS: tuple[tuple[str, str, str], ...] = (
    (r"Executive Director(?: of the United Nations Office on Drugs and Crime)?",
     "Executive Director of the United Nations Office on Drugs and Crime", SECRETARIAT),
    (r"United Nations Office on Drugs and Crime|UNODC", "United Nations Office on Drugs and Crime", SECRETARIAT),
    (r"Special Representative of the Secretary-General[\w\s]*?(?=,|$| and )", "Special Representative of the Secretary-General", UN_ENTITIES),
    (r"Secretary-General", "Secretary-General", SECRETARIAT),
    (r"Secretariat", "Secretariat", SECRETARIAT),
    (r"Office of Counter-Terrorism", "Office of Counter-Terrorism", SECRETARIAT),
    (r"Member States", "Member States", MEMBER_STATES),
    (r"States Members of the United Nations(?: and members of (?:the )?specialized agencies)?", "Member States", MEMBER_STATES),
    (r"States parties(?: to [\w\s]+?)?(?=,|$| and )", "States parties", MEMBER_STATES),
    (r"(?:all\s+)?States", "Member States", MEMBER_STATES),
    (r"Governments", "Member States", MEMBER_STATES),
    (r"Commission on Crime Prevention and Criminal Justice", "Commission on Crime Prevention and Criminal Justice", COMMISSION),
    (r"extended Bureau of the Commission[\w\s]*?(?=,|$| and )", "Extended Bureau of the Commission", COMMISSION),
    (r"(?:open-ended\s+)?intergovernmental expert group(?:s)?(?: on [\w\s-]+?)?(?=,|$| and )", "Intergovernmental expert group", COMMISSION),
    (r"(?:open-ended\s+)?(?:intergovernmental\s+)?working group(?: on [\w\s-]+?)?(?=,|$| and )", "Intergovernmental working group", COMMISSION),
    (r"Commission on Narcotic Drugs", "Commission on Narcotic Drugs", COMMISSION),
    (r"Commission(?!\s+on\s)", THE_COMMISSION, COMMISSION),
    # "the Office" in these reports is UNODC; "the Office of ..." is another office
    (r"Office(?!\s+(?:of|for|on)\b)", "United Nations Office on Drugs and Crime", SECRETARIAT),
    (r"institutes of the United Nations crime prevention and criminal justice programme network", "Institutes of the United Nations crime prevention and criminal justice programme network", UN_ENTITIES),
    (r"United Nations Interregional Crime and Justice Research Institute", "United Nations Interregional Crime and Justice Research Institute", UN_ENTITIES),
    (r"World Health Organization", "World Health Organization", UN_ENTITIES),
    (r"Office of the United Nations High Commissioner for Human Rights", "Office of the United Nations High Commissioner for Human Rights", UN_ENTITIES),
    (r"United Nations Children's Fund|UNICEF", "United Nations Children's Fund", UN_ENTITIES),
    (r"Inter-Agency Coordination Group against Trafficking in Persons", "Inter-Agency Coordination Group against Trafficking in Persons", UN_ENTITIES),
    (r"(?:relevant\s+)?United Nations (?:programmes|entities|agencies|funds and programmes)", "Other UN entities", UN_ENTITIES),
    (r"specialized agencies(?: of the United Nations system)?", "Other UN entities", UN_ENTITIES),
    # "relevant entities of the United Nations system", "the agencies, funds and programmes of the
    # United Nations": one actor, not "entities of the" beside the system (but not the start of a
    # longer name: "bodies of the United Nations Environment Programme")
    (rf"(?<!United Nations )(?:(?:{_UN_PARTS})(?:,\s+|,?\s+and\s+))*(?:{_UN_PARTS}) of the United Nations(?:(?: development)? system)?(?!\s+(?:[A-Z]|development\b))",
     "Other UN entities", UN_ENTITIES),
    (r"United Nations system", "Other UN entities", UN_ENTITIES),
    (r"intergovernmental and non-governmental organizations", "Intergovernmental and non-governmental organizations", OTHERS),
    (r"(?:relevant\s+)?intergovernmental organizations", "Intergovernmental organizations", OTHERS),
    (r"(?:relevant\s+)?non-governmental organizations", "Non-governmental organizations", OTHERS),
    (r"international organizations", "International organizations", OTHERS),
    (r"regional organizations", "Regional organizations", OTHERS),
    (r"civil society(?: organizations)?", "Civil society", OTHERS),
    (r"private sector", "Private sector", OTHERS),
    (r"(?:other\s+)?donors", "Donors", OTHERS),
    (r"International Criminal Police Organization|INTERPOL", "International Criminal Police Organization", OTHERS),
)
ACTOR_RES: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(rf"\b(?:{pattern})(?![\w-])", re.IGNORECASE if pattern[0].islower() else 0), name, group)
    for pattern, name, group in ACTORS
)

# Verbs that address an actor ("Requests X to ...") with the base verb they give.
ADDRESSING_VERBS: dict[str, str] = {
    "requests": "request", "urges": "urge", "encourages": "encourage", "invites": "invite",
    "calls upon": "call upon", "calls on": "call upon", "authorizes": "authorize",
    "appeals to": "appeal",
}
ADDRESSING_BASES = frozenset(ADDRESSING_VERBS.values())
# "Reiterates its request to X to ..." addresses X with the verb of the noun.
ADDRESSING_NOUNS: dict[str, str] = {
    "request": "request", "invitation": "invite", "call": "call upon", "appeal": "appeal",
    "encouragement": "encourage",
}

# --- funding -----------------------------------------------------------------------------------

EXTRABUDGETARY = "extrabudgetary"
DONOR_INVITATION = "donor_invitation"
REGULAR_BUDGET = "regular_budget"
FUNDING_CONDITIONS = (EXTRABUDGETARY, DONOR_INVITATION, REGULAR_BUDGET)
FUNDING_LABELS = {EXTRABUDGETARY: "extrabudgetary resources", REGULAR_BUDGET: "regular budget",
                  DONOR_INVITATION: "invitation to donors"}  # each condition in words, for the screen
# (condition, words one of which the text must hold (a cheap pre-check), pattern);
# extend here for other wordings.
FUNDING_PATTERNS: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = (
    (EXTRABUDGETARY, ("availability",), re.compile(
        r"\b(?:subject to|upon|depending on|contingent (?:up)?on|within)\s+(?:the\s+)?availability\s+of\s+"
        r"(?:(?:extrabudgetary|voluntary)\s+)?(?:resources|funds|funding|contributions)", re.IGNORECASE)),
    (EXTRABUDGETARY, ("extrabudgetary",), re.compile(
        r"\b(?:using|through|with)\s+extrabudgetary\s+(?:resources|funds|funding)", re.IGNORECASE)),
    (DONOR_INVITATION, ("to provide", "to contribute", "to make", "to consider"), re.compile(
        r"\b(?:invites?|urges?|encourages?|calls? (?:up)?on|appeals? to)\s+[^;.]{0,200}?\bto\s+"
        r"(?:provide|contribute|make available|make|consider providing|consider making)\s+"
        r"(?:voluntary contributions|extrabudgetary (?:resources|funds|funding|contributions)"
        r"|financial(?:,\s*[\w-]+)*(?:\s+and\s+[\w-]+)?\s+(?:support|resources|assistance|contributions))",
        re.IGNORECASE)),
    (REGULAR_BUDGET, ("within", "regular budget"), re.compile(
        r"\b(?:(?:from\s+)?within\s+(?:the\s+)?(?:overall\s+)?appropriations\s+of\s+the\s+(?:proposed\s+)?programme\s+budget"
        r"|within\s+(?:the\s+(?:limits\s+of\s+)?)?(?:existing|available)\s+(?:mandates?\s+and\s+)?resources"
        r"|from\s+the\s+regular\s+budget|within\s+the\s+regular\s+budget)", re.IGNORECASE)),
)

# --- report requests ---------------------------------------------------------------------------

ONCE = "once"
ANNUAL = "annual"
BIENNIAL = "biennial"
TRIENNIAL = "triennial"
PERIODIC = "periodic"
PERIODICITIES = (ONCE, ANNUAL, BIENNIAL, TRIENNIAL, PERIODIC)
# how often a report is due, only as the words say it; 'once' is the text naming one report or occasion
PERIODICITY_PATTERNS: tuple[tuple[str, str], ...] = (
    (ANNUAL, r"\bannually\b|\bon\s+an\s+annual\s+basis\b|\b(?:every|each)\s+year\b|\byearly\b"
             r"|\bannual\s+(?:[\w-]+\s+){0,2}?(?:reports?|updates?|briefings?|notes?)\b"),
    (BIENNIAL, r"\bbiennially\b|\bon\s+a\s+biennial\s+basis\b|\bevery\s+(?:two|second)\s+years?\b"
               r"|\bbiennial\s+(?:[\w-]+\s+){0,2}?reports?\b"),
    (TRIENNIAL, r"\btriennially\b|\bon\s+a\s+triennial\s+basis\b|\bevery\s+(?:three|third)\s+years?\b"
                r"|\btriennial\s+(?:[\w-]+\s+){0,2}?reports?\b"),
    (PERIODIC, r"\bperiodically\b|\bperiodic\s+(?:[\w-]+\s+){0,2}?(?:reports?|updates?|briefings?)\b"
               r"|\bon\s+a\s+(?:regular|periodic)\s+basis\b|\bregularly\b|\bat\s+regular\s+intervals\b"),
)
PERIODICITY_RES = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in PERIODICITY_PATTERNS)
# what a report is called when something is submitted, presented, provided or included in it
REPORT_NOUNS = ("report", "update", "note", "study", "studies", "briefing", "reporting")
# the last word of a body a report goes to ("to the General Assembly", "brief the Special Committee")
RECEIVER_HEADS = ("Assembly", "Council", "Commission", "Committee", "Board", "Conference", "Bureau", "Forum",
                  "Parties", "States", "Secretary-General", "Secretariat", "Office", "Commissioner",
                  "Rapporteur", "Group", "Governments", "Members", "Organization", "Agency", "Programme",
                  "Representative", "Expert", "Tribunal", "Court", "Fund", "Mechanism", "Chair", "President")

# --- numbers -----------------------------------------------------------------------------------

_UNITS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
          "seventeenth", "eighteenth", "nineteenth"]
_TENS_ORDINAL = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
                 "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}


@lru_cache(maxsize=1)
def ordinal_words() -> dict[str, int]:
    """'thirty-fourth' -> 34, for 1..100."""
    words = {w: i for i, w in enumerate(_UNITS) if w}
    words.update({w: 10 + i for i, w in enumerate(_TEENS)})
    words.update(_TENS_ORDINAL)
    for tens, value in _TENS.items():
        for unit, unit_value in ((w, i) for i, w in enumerate(_UNITS) if w):
            words[f"{tens}-{unit}"] = value + unit_value
    return words


ORDINAL_PATTERN = "|".join(sorted(ordinal_words(), key=len, reverse=True))

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
MONTH_NUMBER = {m: i + 1 for i, m in enumerate(MONTHS)}


# --- how UN documents print their parts -------------------------------------------------------

DATE_PATTERN = rf"\d{{1,2}}\s+(?:{'|'.join(MONTHS)})\s+\d{{4}}"
# the closing line of an adopted text: "53rd plenary meeting", "69th (resumed) plenary meeting"
MEETING_PATTERN = r"(?:\d{1,3}(?:st|nd|rd|th)\s+)?(?:\(resumed\)\s+)?plenary\s+meeting"
# what a draft's sponsors' line ends with: "…: draft resolution", "…:* revised draft decision"
DRAFT_LABEL_PATTERN = r"(?:revised\s+)?draft\s+(?P<kind>resolution|decision)"
BARE_ROMAN_RE = re.compile(r"^[IVXLC]{1,6}\.?$")  # a part of the operative text printed alone: "II"
# the first page's masthead, line by line: the organization and organ, "Distr.: General", dates, the symbol
MASTHEAD_RE = re.compile(
    r"^(?:(?:United Nations|" + "|".join(re.escape(b) for b in BODIES.values()) + r")"
    r"(?:\s+Distr\..*|\s+[A-Z]{1,5}(?:/[\w.]+)+)?"  # on one baseline with "Distr.: General" or the symbol
    rf"|Distr\.:.*|Original:.*|{DATE_PATTERN}|[A-Z]{{1,5}}(?:/[\w.]+)+)$")
