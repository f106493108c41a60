"""Articles written for the story tests: four invented outlets covering four invented
events. The mill fire is told by three outlets in their own words; the airline grounding is
a wire story (Meridian Press Agency) that two outlets republish word for word; a second fire
the same day elsewhere is another event on the same topic; the port strike develops over
three days. Served as RSS by the real local HTTP server."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape

DAY = datetime(2026, 10, 12, tzinfo=UTC)


@dataclass(frozen=True)
class Piece:
    guid: str
    event: str  # the gold story
    hour: float  # hours after DAY
    title: str
    text: str


WIRE_TEXT = (
    "Kessling Airways grounded its entire fleet of 42 aircraft on Monday morning after a "
    "fault in the software that plans crew rosters and fuel loads, stranding thousands of "
    "passengers at Harwick and Lomond airports, according to Meridian Press Agency. "
    "The airline said the fault appeared during an overnight update of its scheduling "
    "system and that engineers from the supplier, Vantor Systems, were working to restore "
    "it. Operations chief Dagny Orlov told reporters that no flight would leave before the "
    "afternoon and that safety was never at risk. Passengers queued for hours at the "
    "Kessling desks in Harwick, where the departure boards showed every flight as delayed. "
    "The aviation regulator said it had been told of the grounding and was monitoring the "
    "situation. Kessling Airways carries about 30,000 passengers a day on domestic and "
    "regional routes."
)

PIECES: dict[str, list[Piece]] = {
    "courier": [
        Piece(
            "c-mill-1",
            "mill",
            8,
            "Fire destroys Halvorsen timber mill in Brackwater",
            "A fire destroyed the Halvorsen timber mill in Brackwater overnight, sending a "
            "column of smoke over the river valley and forcing the closure of the Brackwater "
            "ring road. Firefighters from Brackwater and two neighbouring stations fought the "
            "blaze for six hours before bringing it under control, the Brackwater fire "
            "service said. No one was hurt: the night shift of eleven workers left the mill "
            "when the alarm sounded shortly after midnight. Mill owner Sigrun Halvorsen said "
            "the sawmill, which employs ninety people, had been in her family for four "
            "generations. The cause of the fire is not yet known, according to fire chief "
            "Tomas Ebbeson, who said investigators would enter the ruins on Tuesday.",
        ),
        Piece(
            "c-strike-1",
            "strike",
            9,
            "Dockers walk out at Port Lindqvist over shift changes",
            "Dockers at Port Lindqvist walked out on Monday in a dispute over new shift "
            "patterns, leaving container ships waiting at anchor in the Lindqvist roads. The "
            "Harbour Workers Union said nine hundred members had joined the strike after "
            "the port authority imposed twelve-hour shifts. Union organiser Pell Andrade said "
            "the stoppage would last until the port authority withdrew the rosters. The port "
            "authority said it regretted the walkout and that talks remained open. Cargo for "
            "the region's supermarkets and factories passes through Port Lindqvist.",
        ),
        Piece(
            "c-strike-3",
            "strike",
            57,
            "Port Lindqvist strike ends as dockers accept new rosters",
            "The strike at Port Lindqvist ended on Wednesday after dockers voted to accept a "
            "revised shift plan, the Harbour Workers Union said. Union organiser Pell Andrade "
            "said the deal limits shifts to ten hours and restores the weekend rota that the "
            "port authority had scrapped. Work on the first of the container ships waiting in "
            "the Lindqvist roads began within hours of the vote. The port authority said the "
            "backlog of cargo would be cleared by the end of next week.",
        ),
    ],
    "post": [
        Piece(
            "p-mill-1",
            "mill",
            10,
            "Brackwater sawmill gutted by overnight blaze, ninety jobs in doubt",
            "Ninety jobs are in doubt after an overnight blaze gutted the Halvorsen sawmill on "
            "the edge of Brackwater. Crews from three fire stations spent six hours fighting "
            "the flames, which spread through stacks of drying timber, and the ring road "
            "around Brackwater was closed until morning. Fire chief Tomas Ebbeson said the "
            "eleven workers on the night shift got out safely. Sigrun Halvorsen, whose family "
            "has run the mill for four generations, told the Northshore Post she wanted to "
            "rebuild. Investigators will examine the site once it is safe, Ebbeson said.",
        ),
        Piece(
            "p-air-1",
            "airline",
            11,
            "Kessling Airways grounds fleet after software fault",
            WIRE_TEXT,
        ),
        Piece(
            "p-depot-1",
            "depot",
            13,
            "Chemical depot fire in Quillon forces evacuation of Marsh Lane homes",
            "Residents of two hundred homes on Marsh Lane in Quillon were told to leave on "
            "Monday afternoon after a fire broke out at the Ostrander chemical depot. The "
            "Quillon fire brigade said drums of solvent had caught fire in a storage yard and "
            "that residents should keep windows closed. Depot manager Ruth Calloway said all "
            "staff had been accounted for. Police closed the Quillon bypass and set up a rest "
            "centre at the Marsh Lane community hall, the county council said.",
        ),
        Piece(
            "p-strike-2",
            "strike",
            33,
            "Talks begin to end Port Lindqvist dock strike",
            "Talks to end the dock strike at Port Lindqvist began on Tuesday as more container "
            "ships joined the queue in the Lindqvist roads. The Harbour Workers Union and the "
            "port authority met at the offices of the mediation service, union organiser Pell "
            "Andrade said, adding that the twelve-hour shifts remained the sticking point. "
            "Shipping lines warned that cargo would be diverted if the strike lasted.",
        ),
    ],
    "herald": [
        Piece(
            "h-mill-1",
            "mill",
            12,
            "Halvorsen mill fire: investigators to examine cause as family vows to rebuild",
            "Investigators will begin examining the ruins of the Halvorsen timber mill in "
            "Brackwater on Tuesday after Monday's overnight fire, the Brackwater fire service "
            "said. The blaze destroyed the main sawmill and its drying sheds; fire chief Tomas "
            "Ebbeson said it was too early to say how it started. Owner Sigrun Halvorsen said "
            "the ninety staff would be paid while the family decided how to rebuild. The "
            "Brackwater ring road reopened in the morning.",
        ),
        Piece("h-air-1", "airline", 12, "Software fault grounds Kessling Airways fleet", WIRE_TEXT),
        Piece(
            "h-depot-1",
            "depot",
            14,
            "Quillon residents evacuated as solvent drums burn at Ostrander depot",
            "Firefighters in Quillon spent Monday afternoon tackling burning solvent drums at "
            "the Ostrander chemical depot, and the homes of Marsh Lane were evacuated as a "
            "precaution, according to the Quillon fire brigade. Ruth Calloway, who manages "
            "the depot, said the fire started in a storage yard. The county council opened "
            "the Marsh Lane community hall for evacuated residents and police closed the "
            "Quillon bypass.",
        ),
    ],
}

OUTLETS = {"courier": "Brackwater Courier", "post": "Northshore Post", "herald": "Valley Herald"}


def rss(outlet: str) -> bytes:
    items = "".join(_item(outlet, p) for p in PIECES[outlet])
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(OUTLETS[outlet])}</title><link>https://{outlet}.example/</link>"
        f"<description>News</description>{items}</channel></rss>"
    ).encode()


def _item(outlet: str, piece: Piece) -> str:
    when = DAY.timestamp() + piece.hour * 3600
    published = format_datetime(datetime.fromtimestamp(when, UTC), usegmt=True)
    return (
        f"<item><guid>{piece.guid}</guid><title>{escape(piece.title)}</title>"
        f"<link>https://{outlet}.example/{piece.guid}</link>"
        f"<pubDate>{published}</pubDate>"
        f"<description>{escape('<p>' + piece.text + '</p>')}</description></item>"
    )


def gold() -> dict[str, str]:
    """guid → event."""
    return {p.guid: p.event for pieces in PIECES.values() for p in pieces}
