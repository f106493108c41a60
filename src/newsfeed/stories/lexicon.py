"""The small word lists behind name kinds and attributions: titles that precede a person,
words that end an organisation's name, places every desk writes about, news agencies.
Written for this project (the places are facts: country, state and city names)."""

from __future__ import annotations

from newsfeed.stories.terms import word_set

PERSON_TITLES = word_set(
    """
    president vice mr mrs ms miss dr prof professor sen senator rep representative gov governor
    mayor judge justice secretary minister chancellor king queen prince princess pope
    ambassador general gen col colonel lt capt captain sgt sir dame lord lady chairman
    chairwoman chair ceo founder spokesman spokeswoman spokesperson commissioner director
    sheriff chief inspector detective officer attorney lawyer coach rev father rabbi imam
    leader deputy premier speaker prosecutor author actor actress singer candidate
    """
)

ORG_WORDS = word_set(
    """
    party department ministry agency committee council court bank university college school
    inc corp corporation company co ltd llc plc group times post news press association union
    commission senate house congress parliament assembly army navy police institute foundation
    network airlines airways service services office bureau administration organization
    organisation federation reserve board authority club church hospital journal fund trust
    tribune herald guardian gazette telegraph broadcasting radio tv television channel
    international partners holdings motors industries systems labs laboratories fc
    cabinet government regime command forces force guard intelligence secretariat
    """
)

PLACE_WORDS = word_set(
    """
    street road avenue square river lake sea ocean bay gulf island islands mountain
    mountains valley county province region district state city town village harbour harbor
    port coast peninsula strait canal park bridge airport
    """
)

AGENCIES = word_set(
    """
    reuters ap afp bloomberg xinhua tass interfax ria dpa ansa efe kyodo yonhap anadolu
    pti upi cnn bbc axios politico
    """
)

_COUNTRIES = """
afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan
bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia
botswana brazil brunei bulgaria burundi cambodia cameroon canada chad chile china colombia
comoros congo croatia cuba cyprus czechia denmark djibouti dominica ecuador egypt eritrea
estonia eswatini ethiopia fiji finland france gabon gambia georgia germany ghana greece
grenada guatemala guinea guyana haiti honduras hungary iceland india indonesia iran iraq
ireland israel italy jamaica japan jordan kazakhstan kenya kiribati kosovo kuwait kyrgyzstan
laos latvia lebanon lesotho liberia libya liechtenstein lithuania luxembourg madagascar
malawi malaysia maldives mali malta mauritania mauritius mexico micronesia moldova monaco
mongolia montenegro morocco mozambique myanmar namibia nauru nepal netherlands nicaragua
niger nigeria norway oman pakistan palau palestine panama paraguay peru philippines poland
portugal qatar romania russia rwanda samoa senegal serbia seychelles singapore slovakia
slovenia somalia spain sudan suriname sweden switzerland syria taiwan tajikistan tanzania
thailand togo tonga tunisia turkey turkmenistan tuvalu uganda ukraine uruguay uzbekistan
vanuatu venezuela vietnam yemen zambia zimbabwe gaza crimea donbas kashmir tibet
"""
_REGIONS = """
africa asia europe america americas antarctica oceania arctic scandinavia balkans caucasus
alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii
idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan
minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania
tennessee texas utah vermont virginia washington wisconsin wyoming ontario quebec alberta
scotland wales england bavaria catalonia siberia
"""
_CITIES = """
london paris berlin madrid rome moscow kyiv kiev beijing shanghai tokyo delhi mumbai seoul
cairo istanbul ankara tehran baghdad damascus beirut jerusalem riyadh dubai doha kabul
islamabad karachi lagos nairobi johannesburg brussels vienna warsaw prague budapest athens
lisbon dublin amsterdam stockholm oslo copenhagen helsinki geneva zurich minsk kharkiv
odesa mariupol bakhmut sydney melbourne toronto vancouver montreal ottawa chicago boston
houston dallas atlanta miami seattle denver phoenix philadelphia detroit baltimore
minneapolis brooklyn manhattan hollywood pyongyang taipei manila jakarta bangkok hanoi
caracas havana bogota lima santiago brasilia
"""
_MULTIWORD_PLACES = """
united states|united kingdom|new york|new jersey|new mexico|new hampshire|new zealand|
north carolina|south carolina|north dakota|south dakota|west virginia|rhode island|
south africa|south korea|north korea|saudi arabia|hong kong|sri lanka|costa rica|
el salvador|puerto rico|middle east|latin america|west bank|gaza strip|los angeles|
san francisco|san diego|las vegas|new orleans|washington dc|white house|capitol hill|
united arab emirates|czech republic|dominican republic|ivory coast|east timor|
north america|south america|central america|southeast asia|european union
"""

PLACES = frozenset((_COUNTRIES + _REGIONS + _CITIES).split()) | frozenset(
    p.strip() for p in _MULTIWORD_PLACES.replace("\n", "").split("|") if p.strip()
)

# Multi-word or lower-case words that look like places but name an organisation.
ORG_NAMES = frozenset({"white house", "european union", "capitol hill"})

# Capitalised words that start sentences or headlines but are never names on their own.
NOT_NAMES = word_set(
    """
    the a an and but or if in on at to for of by with from as this that these those it its
    he she they we i you his her their our my your there here when where while after before
    during since until though although because however meanwhile still yet also then now
    what who why how which whose some many most more several few all both each every any no
    not one two three four five six seven eight nine ten first last new old monday tuesday
    wednesday thursday friday saturday sunday january february march april may june july
    august september october november december mr mrs ms dr said says according read watch
    breaking update updated live photo video opinion analysis editor note correction
    """
)
