"""General English word lists the fact model reads figures with: numbers, units, roles, hedges."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


NUMBER_WORDS: dict[str, int] = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
NUMBER_WORDS.update(
    {
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "dozen": 12,
    }
)
# Multipliers after a number ("2.5 million", "five hundred").
SCALE_WORDS: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "mn": 1_000_000,
    "m": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
# Counts of occurrences written as one word.
TIMES_WORDS = {"twice": 2, "thrice": 3}

WEEKDAY_NAMES = "monday tuesday wednesday thursday friday saturday sunday".split()
WEEKDAY_INDEX = {name: index for index, name in enumerate(WEEKDAY_NAMES)}
MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
MONTH_INDEX = {name: index for index, name in enumerate(MONTH_NAMES, 1)}

# Physical units: word -> (measure, factor to the measure's base unit).
UNITS: dict[str, tuple[str, float]] = {}


def _unit(measure: str, factor: float, spellings: str) -> None:
    for spelling in spellings.split():
        UNITS[spelling] = (measure, factor)


_unit("length", 1.0, "m metre metres meter meters")
_unit("length", 1000.0, "km kms kilometre kilometres kilometer kilometers")
_unit("length", 0.01, "cm centimetre centimetres centimeter centimeters")
_unit("length", 0.001, "mm millimetre millimetres millimeter millimeters")
_unit("length", 1609.344, "mile miles mi")
_unit("length", 0.3048, "foot feet ft")
_unit("length", 0.0254, "inch inches")
_unit("length", 0.9144, "yard yards yds")
_unit("mass", 1.0, "kg kgs kilo kilos kilogram kilograms kilogramme kilogrammes")
_unit("mass", 0.001, "g gram grams gramme grammes")
_unit("mass", 1000.0, "tonne tonnes ton tons")
_unit("mass", 0.45359237, "lb lbs")
_unit("mass", 0.0283495, "oz ounce ounces")
_unit("duration", 1.0, "second seconds sec secs")
_unit("duration", 60.0, "minute minutes min mins")
_unit("duration", 3600.0, "hour hours hr hrs")
_unit("duration", 86400.0, "day days")
_unit("duration", 604800.0, "week weeks")
_unit("duration", 2629800.0, "month months")
_unit("duration", 31557600.0, "year years")
_unit("duration", 315576000.0, "decade decades")
_unit("speed", 1.0, "kph km/h kmh")
_unit("speed", 1.609344, "mph")
_unit("area", 1.0, "hectare hectares ha")
_unit("area", 0.404686, "acre acres")
_unit("volume", 1.0, "litre litres liter liters")
_unit("volume", 3.78541, "gallon gallons")
_unit("temperature", 1.0, "degree degrees")

# Words that read a figure as a count of people when they follow it ("five hurt").
PERSON_NOUNS = _words(
    """
    people persons person others victims villagers residents civilians workers employees men
    women children adults students pupils soldiers troops officers policemen police firefighters
    passengers patients tourists protesters demonstrators marchers rioters pilgrims fans
    spectators hostages migrants refugees inmates prisoners miners sailors crew crewmen youths
    teenagers teens boys girls babies infants kids students suspects gunmen attackers
    militants rebels fighters insurgents guards agents deputies detectives journalists
    reporters doctors nurses staff members voters supporters guests visitors customers
    shoppers pedestrians drivers motorists cyclists climbers hikers divers swimmers survivors
    casualties fatalities bodies individuals adults elderly residents families relatives
    friends colleagues coworkers co-workers employees jurors judges lawyers officials
    ministers lawmakers senators legislators delegates observers monitors experts troopers
    marines sailors airmen policemen policewomen firemen servicemen personnel
    """
)
# Events a count of people or things takes part in; one group is one role.
ROLE_GROUPS: dict[str, str] = {}


def _role(role: str, spellings: str) -> None:
    for spelling in spellings.split():
        ROLE_GROUPS[spelling] = role


_role(
    "killed",
    "killed killing kill kills dead death deaths died die dying toll fatalities perished lives "
    "slain",
)
_role("injured", "injured injuring injure injures injury injuries hurt wounded wounding wounds")
_role("arrested", "arrested arresting arrest arrests detained detaining detain custody")
_role("missing", "missing unaccounted")
_role("rescued", "rescued rescuing rescue")
_role("evacuated", "evacuated evacuating evacuate evacuation")
_role("displaced", "displaced homeless")
_role("hospitalized", "hospitalized hospitalised hospital hospitalization hospitalisation")
_role("charged", "charged charging")
_role(
    "destroyed",
    "destroyed destroying flattened flattening razed collapsed damaged damaging damage",
)
_role(
    "seized",
    "seized seizing confiscated confiscating recovered recovering captured capturing",
)
# Roles a head word can have on its own ("2 Dead, 1 Wounded"): the figure counts people.
ROLE_NOUNS = _words("dead killed injured wounded hurt missing arrested")

# Words before a figure that hedge it: how far its value may be from what is written.
# "about": either way; "nearly": up to it; "least": it or a little more.
HEDGES: dict[tuple[str, ...], str] = {
    ("about",): "about",
    ("around",): "about",
    ("approximately",): "about",
    ("approximate",): "about",
    ("roughly",): "about",
    ("some",): "about",
    ("estimated",): "about",
    ("an", "estimated"): "about",
    ("an", "approximate"): "about",
    ("nearly",): "nearly",
    ("almost",): "nearly",
    ("close", "to"): "nearly",
    ("just", "under"): "nearly",
    ("up", "to"): "nearly",
    ("as", "many", "as"): "nearly",
    ("as", "much", "as"): "nearly",
    ("at", "least"): "least",
    ("more", "than"): "least",
    ("over",): "least",
    ("in", "excess", "of"): "least",
    ("upwards", "of"): "least",
    ("at", "most"): "nearly",
    ("less", "than"): "under",
    ("fewer", "than"): "under",
    ("under",): "under",
    ("a", "further"): "further",
    ("another",): "further",
    ("an", "additional"): "further",
    ("additional",): "further",
    ("a", "few"): "vague",
    ("several",): "vague",
    ("dozens", "of"): "vague",
    ("hundreds", "of"): "vague",
    ("thousands", "of"): "vague",
}
HEDGE_LONGEST = max(len(words) for words in HEDGES)

# Words in a sentence that place what it says in another time than the story's own event.
PAST_MARKERS = _words(
    "last previous previously earlier former formerly ago before prior then since once past"
)

# Function words: never what a figure is about.
STOPWORDS = _words(
    """
    a an the and or but nor so yet for of in on at to from by with without within into onto
    over under about above below between through during before after since until upon against
    among across along around behind beyond near off out up down via per than then as if
    because while although though whether which who whom whose what when where why how that
    this these those there here it its itself he him his himself she her hers herself they
    them their theirs themselves we us our ours you your yours i me my mine is are was were be
    been being am do does did doing done have has had having will would shall should can could
    may might must not no yes all any both each few more most other some such only own same
    too very just also even ever still again once already now said says say according told
    """
)
# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = _words(
    """
    mr mrs ms dr prof st sr jr rev gen col capt lt sgt gov sen rep jan feb mar apr jun jul aug
    sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun no vs etc inc ltd co corp
    mt ft approx est fig dept univ u s a p m e g i
    """
)

# Words that place a distance without saying what it measures ("50 miles north of").
DIRECTIONS = _words(
    "north south east west northeast northwest southeast southwest northern southern eastern "
    "western away from off outside inland offshore"
)

# Words that say how a figure moved, not what it is ("rose 9%", "fell to $5m").
MOVES = frozenset(
    "rose rise rises rising risen fell fall falls falling fallen grew grow grows growing grown "
    "increased increase increases increasing decreased decrease decline declined declining "
    "dropped drop drops dropping jumped jump jumps climbed climb slipped slip gained gain "
    "lost lose loss losses cut cuts raised raise boosted boost reached reach reaches hit "
    "up down higher lower total totalled totaled worth value valued reported report reports "
    "announced announce announces posted".split()
)
# Words that never say what a figure is about.
NOT_ABOUT = (
    STOPWORDS
    | NUMBER_WORDS.keys()
    | UNITS.keys()
    | WEEKDAY_INDEX.keys()
    | frozenset(
        "come came coming comes go goes went going gone make made making makes take took taking "
        "takes get got getting gets give gave giving gives put puts putting see saw seen seeing "
        "show showed shown shows well recent recently many much new latest overall several "
        "various".split()
    )
)
# Words that may open a noun phrase before its noun ("of its total output").
DETERMINERS = _words("the a an its their his her our this that these those")

# Ordinals written as words ("the fourth head coach"); "first" and "last" are left out: they
# rank far more often than they count ("the first time", "the first to ...").
ORDINALS: dict[str, int] = {
    word: value
    for value, word in enumerate(
        "second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
        "twentieth".split(),
        2,
    )
}
# Nouns an ordinal ranks in time or in the course of a contest ("the third day of protests",
# "his second term", "the fourth set"): they change as the story goes on, and one article's
# "second set" is rarely the set another calls the fourth.
SEQUENCE_NOUNS = _words(
    "time times day days night nights week weeks month months year years quarter half "
    "period term season anniversary century decade round inning innings minute hour generation "
    "stage phase leg attempt try set rubber game match lap heat race goal hole frame point "
    "shot innings test event episode edition chapter part seed place position spot pick"
)

# Counted nouns written as an abbreviation or as another word for one thing: the noun they
# stand for ("47 KO's", "46 knockouts").
NOUN_ABBREVIATIONS: dict[str, str] = {
    "ko": "knockout",
    "kos": "knockout",
    # two words for one thing counted: "40 homes" and "52 houses" destroyed
    "homes": "house",
    "home": "house",
}

# Verbs and event nouns that name one event (a duration or a date of "wed" and of "married"
# is of one wedding): word -> the event's name.
EVENT_SYNONYMS: dict[str, str] = {}


def _event(name: str, spellings: str) -> None:
    for spelling in spellings.split():
        EVENT_SYNONYMS[spelling] = name


_event("marry", "wed weds wedded wedding married marry marries marrying marriage")
_event("fire", "fired firing sacked sacking dismissed dismissal ousted ousting")
_event("jail", "jailed jailing imprisoned imprisonment")
_event("resign", "resigned resigning resignation quit quitting")
_event("buy", "bought buying purchased purchasing acquired acquiring acquisition")
_event("sell", "sold selling")

# Verbs and event nouns: past tenses that do not end in -ed, the endings of the rest, and
# words with those endings that are no event.
IRREGULAR_PAST = frozenset(
    """
    struck began begun took taken held won lost met made sent left went came fell rose shot
    fought sank sunk broke broken caught led paid sold bought spent found gave given kept ran
    wed hit killed beat drove driven flew flown stole stolen threw thrown wrote written
    """.split()
)
EVENT_ENDINGS = ("ed", "ing", "ion", "ions", "ment")
NOT_EVENTS = frozenset(
    "during including according following nothing something morning evening million billion "
    "region nation station".split()
)


def is_event_word(lower: str) -> bool:
    """A verb or an event noun, as the fact model takes one for a figure's act (`checked`,
    `killing`, `election`; not `morning`, `million`)."""
    return lower in IRREGULAR_PAST or (
        lower.endswith(EVENT_ENDINGS) and len(lower) >= 5 and lower not in NOT_EVENTS
    )
