"""The lexer: from text to ``TimeMention`` records (what a time expression says).

``Grammar(policy).mentions(text)`` finds time expressions in text (any script)
and returns what each *says*: a year, 11 月, 周五, 早, 北京时间, 收盘 … with its
character span. Resolving a mention against a publish date and a zone is
:mod:`recon.normalize.times`' job.

1. ``fold`` maps Traditional characters to Simplified with opencc ``hk2s``'s
   own character table, restricted to the characters the grammar reads; one
   ``str.translate``, length-preserving, so offsets stay valid.
2. One regular expression finds *atoms*: a zone word, a year, a month, a day,
   a weekday, a relative day (昨天), a part of the day (早上), a clock time …
   It dispatches on the first character (digit, Latin letter, Han), so each
   position tries only the atoms that can start there.
3. Adjacent atoms (only spaces, ``,``, ``:``, 的, at, on, of … between) that
   fill different slots join into one mention: 当地时间 11 月 17 日週五.
4. A zone word followed by a time leads it (北京时间21日早); after a time it
   trails (4pm ET, 周五美股). A zone word with no time next to it reaches the
   first time later in its clause (美东时间11有29日周三).
5. Weak atoms need company: 早/晚/夜 and 收盘 a day, 3点 a date or a part of
   the day, 三号 a month. Zone words alone are not times.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from recon.normalize.time_policy import (
    CONTEXT_DAYS,
    MONTHS,
    RELATIVE_DAYS,
    RELATIVE_PREFIXES,
    WEEKDAYS,
    Hours,
    TimePolicy,
)

__all__ = ["Grammar", "TimeMention", "number"]

_CN_DIGITS: Final = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
_D = "[0-9０-９]"
_CN = "[〇零一二两三四五六七八九十]"
_GAP = "[ \t\u00a0\u3000]*"
_NOT_AFTER_NUMBER = "(?<![0-9０-９.〇零一二两三四五六七八九十])"
_REL = "(?:上上个?|上个?|本|这个?|下下个?|下个?)"
_REL_EN = "(?ai:last|this|next)"
_AMPM = r"(?ai:a\.m\.|p\.m\.|am|pm)(?![A-Za-z])"
#: After a one-character part these make another word, not a time: 初步, 底线 / 晚些, 早期.
_NOT_CALENDAR_WORD = "(?![步次衷期心始级稿审选赛线])"
_NOT_DAY_WORD = "(?![些期先于已就餐饭报年会宴点在到了])"
#: Chinese characters that begin atoms besides the policy's words.
_HAN_STARTS = "〇零一二两三四五六七八九十今去前明上本这下周星礼(（"


def _han(words: Iterable[str], blockers: str = "") -> str:
    """Chinese words, longest first; a one-character word must not be followed by ``blockers``."""
    ordered = sorted({w for w in words if not w.isascii()}, key=len, reverse=True)
    return "|".join(re.escape(w) + (blockers if len(w) == 1 else "") for w in ordered) or "(?!)"


def _latin(words: Iterable[str]) -> str:
    """English words, whole, case-insensitive except capital abbreviations (ET, PST)."""
    ordered = sorted({w for w in words if w.isascii()}, key=len, reverse=True)
    spaced = [re.escape(w).replace("\\ ", "[ \t\u00a0]+") for w in ordered]
    capitals = [p for p, w in zip(spaced, ordered) if w.isupper()]
    others = [p for p, w in zip(spaced, ordered) if not w.isupper()]
    parts = ([f"(?:{'|'.join(capitals)})"] if capitals else []) + ([f"(?ai:{'|'.join(others)})"] if others else [])
    return f"(?:{'|'.join(parts)})(?![A-Za-z])" if parts else "(?!)"


def _digit_atoms(policy: TimePolicy) -> list[str]:
    months = _latin(MONTHS)
    return [
        # 2023-11-22 17:23:04, 2023/11/20, 2023-11-17T08:00Z
        rf"(?P<iso>(?<![0-9A-Za-z/.\-])(?P<iso_y>[0-9]{{4}})(?P<iso_sep>[-/])(?P<iso_mo>[0-9]{{1,2}})"
        rf"(?P=iso_sep)(?P<iso_d>[0-9]{{1,2}})(?:(?:T|[ \t]+)(?P<iso_h>[0-9]{{1,2}}):(?P<iso_mi>[0-9]{{2}})"
        rf"(?::(?P<iso_s>[0-9]{{2}})(?:\.[0-9]+)?)?(?P<iso_z>Z|[+-][0-9]{{2}}:?[0-9]{{2}})?)?(?![0-9A-Za-z/]))",
        # 12:19, 17:23:04, 4:30 pm / 4pm
        f"(?P<clock>(?<![0-9０-９:：.])(?P<clock_h>{_D}{{1,2}})[:：](?P<clock_m>{_D}{{2}})(?:[:：](?P<clock_s>{_D}{{2}}))?"
        f"(?!{_D}|[:：]{_D})(?:{_GAP}(?P<clock_ap>{_AMPM}))?)",
        f"(?P<ampm>(?<![0-9A-Za-z.:])(?P<ampm_h>[0-9]{{1,2}}){_GAP}(?P<ampm_ap>{_AMPM}))",
        f"(?P<year>{_NOT_AFTER_NUMBER}(?P<year_n>{_D}{{4}}){_GAP}年"
        f"(?:{_GAP}(?P<year_part>{_han(policy.parts_of_year, _NOT_CALENDAR_WORD)}))?)",
        f"(?P<month>{_NOT_AFTER_NUMBER}(?P<month_n>{_D}{{1,2}}){_GAP}月"
        f"(?:{_GAP}(?P<month_part>{_han(policy.parts_of_month, _NOT_CALENDAR_WORD)}))?)",
        f"(?P<day>{_NOT_AFTER_NUMBER}(?<!近)(?<!前)(?<!第)(?<!每)(?<!持续)(?<!连续)(?<!过去)"
        f"(?P<day_n>{_D}{{1,2}}){_GAP}(?P<day_mark>[日号])(?!{_GAP}(?:内|以内|之内)))",
        # 19点, 19时30分, 3点半
        f"(?P<zclock>{_NOT_AFTER_NUMBER}(?P<zclock_h>{_D}{{1,2}}){_GAP}"
        f"(?P<zclock_u>点(?![击赞评名数])|时(?![间候期代刻段]))(?:{_GAP}(?P<zclock_m>{_D}{{1,2}}|{_CN}{{1,3}})"
        f"{_GAP}分|(?P<zclock_half>半)|整)?)",
        # 17 November 2023
        rf"(?P<edm>(?<![0-9.])(?P<edm_d>[0-9]{{1,2}})(?:st|nd|rd|th)?{_GAP}(?P<edm_m>{months})\.?"
        rf"(?:,?{_GAP}(?P<edm_y>[0-9]{{4}})(?![0-9]))?)",
    ]


def _latin_atoms(policy: TimePolicy) -> list[str]:
    months = _latin(MONTHS)
    return [
        f"(?P<zone_en>{_latin(policy.zone_words)})",
        f"(?P<close_en>{_latin(policy.market_times)})",
        f"(?P<rday_en>{_latin([*RELATIVE_DAYS, *CONTEXT_DAYS])})",
        # Nov. 17 / November 17, 2023 / November 2023
        rf"(?P<emd>(?P<emd_m>{months})\.?{_GAP}(?P<emd_d>[0-9]{{1,2}})(?:st|nd|rd|th)?(?![0-9:A-Za-z])"
        rf"(?:,?{_GAP}(?P<emd_y>[0-9]{{4}})(?![0-9]))?)",
        rf"(?P<emy>(?P<emy_m>{months})\.?,?{_GAP}(?P<emy_y>[0-9]{{4}})(?![0-9]))",
        f"(?P<eweek>(?P<eweek_rel>{_REL_EN})[ \t]+(?P<eweek_k>(?ai:weekend|week))(?![A-Za-z]))",
        f"(?P<eyear>(?P<eyear_rel>{_REL_EN})[ \t]+(?ai:year)(?![A-Za-z]))",
        f"(?P<emonth>(?P<emonth_rel>{_REL_EN})[ \t]+(?ai:month)(?![A-Za-z]))",
        f"(?P<ewd>(?:(?P<ewd_rel>{_REL_EN})[ \t]+)?(?P<ewd_n>{_latin(WEEKDAYS)}))",
        "(?P<noon>(?P<noon_w>(?ai:noon|midnight))(?![A-Za-z]))",
        f"(?P<pod_en>{_latin(policy.parts_of_day)})",
    ]


def _han_atoms(policy: TimePolicy) -> list[str]:
    places = _han(policy.place_zones)
    long_parts = [w for w in policy.parts_of_day if len(w) > 1]
    one_char_parts = [w for w in policy.parts_of_day if len(w) == 1]
    return [
        f"(?P<zone>{_han(policy.zone_words)})",
        f"(?P<place>(?P<place_t>{places}){_GAP}时间|(?<=在)(?P<place_n>{places}))",
        f"(?P<market>{_han(policy.market_words)})",
        f"(?P<close>{_han(policy.market_times)})",
        f"(?P<rday>{_han([*RELATIVE_DAYS, *CONTEXT_DAYS])})",
        # 周五, 上周五, 星期六, (周二)
        f"(?P<wd>(?=[周星礼(（上本这下])(?<![一二两三四五六七八九十几数每0-9０-９])(?P<wd_open>[（(])?(?P<wd_rel>{_REL})?"
        f"(?:周|星期|礼拜)(?P<wd_n>[一二三四五六日天])(?(wd_open)[)）])(?![一二三四五六七八九十]))",
        f"(?P<week>(?=[周上本这下])(?<!每)(?:(?P<week_rel>{_REL})?周末|(?P<week_rel2>{_REL})(?:周|星期|礼拜)"
        "(?![一二三四五六日天末围年边期岁刊报])))",
        f"(?P<yearz>(?=[〇零一二三四五六七八九今去前明])(?:{_NOT_AFTER_NUMBER}(?P<yearz_n>[〇零一二三四五六七八九]{{4}})|(?P<yearz_rel>[今去前明]))"
        f"{_GAP}年(?:{_GAP}(?P<yearz_part>{_han(policy.parts_of_year, _NOT_CALENDAR_WORD)}))?)",
        f"(?P<monthz>(?=[一二三四五六七八九十上本这下])(?:{_NOT_AFTER_NUMBER}(?P<monthz_n>十[一二]?|[一二三四五六七八九])|(?P<monthz_rel>{_REL}))"
        f"{_GAP}月(?:{_GAP}(?P<monthz_part>{_han(policy.parts_of_month, _NOT_CALENDAR_WORD)}))?)",
        f"(?P<dayz>(?=[一二三四五六七八九十]){_NOT_AFTER_NUMBER}(?P<dayz_n>三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"
        f"{_GAP}(?P<dayz_mark>[日号])(?!{_GAP}(?:内|以内|之内)))",
        f"(?P<zclockz>(?=[零一二两三四五六七八九十]){_NOT_AFTER_NUMBER}(?P<zclockz_h>[零一二两三四五六七八九十]{{1,3}}){_GAP}"
        f"(?:点(?![击赞评名数])|时(?![间候期代刻段]))(?:{_GAP}(?P<zclockz_m>{_D}{{1,2}}|{_CN}{{1,3}})"
        f"{_GAP}分|(?P<zclockz_half>半)|整)?)",
        f"(?P<pod>{_han(long_parts)})",
        f"(?P<pod1>(?<=[日一二三四五六天])(?:{_han(one_char_parts, _NOT_DAY_WORD)}))",
    ]


def _han_start_chars(policy: TimePolicy) -> str:
    words = [*policy.zone_words, *policy.place_zones, *policy.market_words, *policy.market_times,
             *policy.parts_of_day, *RELATIVE_DAYS, *CONTEXT_DAYS]
    chars = {w[0] for w in words if not w.isascii()} | set(_HAN_STARTS)
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def atom_pattern(policy: TimePolicy) -> str:
    """All atoms, in three groups chosen by the first character."""
    return (
        f"(?=[0-9０-９])(?:{'|'.join(_digit_atoms(policy))})"
        f"|(?<![A-Za-z])(?=[A-Za-z])(?:{'|'.join(_latin_atoms(policy))})"
        f"|(?={_han_start_chars(policy)})(?:{'|'.join(_han_atoms(policy))})"
    )


#: What each atom kind fills. Two atoms filling one slot are two mentions.
_SLOTS: Final[dict[str, frozenset[str]]] = {
    kind: frozenset(slots.split())
    for kind, slots in {
        "iso": "year month day clock", "zone": "zone", "zone_en": "zone", "place": "zone", "market": "market",
        "close": "clock", "close_en": "clock", "emd": "month day", "edm": "month day", "emy": "year month",
        "eweek": "year month day weekday", "eyear": "year", "emonth": "year month",
        "rday": "year month day", "rday_en": "year month day", "ewd": "weekday", "wd": "weekday",
        "week": "year month day weekday", "year": "year", "yearz": "year", "month": "month",
        "monthz": "month", "day": "day", "dayz": "day", "clock": "clock", "ampm": "clock",
        "zclock": "clock", "zclockz": "clock", "noon": "clock", "pod": "pod", "pod_en": "pod", "pod1": "pod",
    }.items()
}
_ZONE_KINDS: Final = frozenset({"zone", "zone_en", "place", "market"})
_DATE_RANK: Final = {"year": 0, "month": 1, "day": 2}
#: Finest and coarsest date unit of each kind, to keep 年 → 月 → 日 in order.
_RANKS: Final = {
    kind: (max(ranks), min(ranks))
    for kind, slots in _SLOTS.items()
    if (ranks := [_DATE_RANK[s] for s in slots if s in _DATE_RANK])
}
_JOINER: Final = re.compile(
    r"(?:[ \t\u00a0\u3000,:：的]|(?<![A-Za-z])(?ai:at|on|of|the|in|around|about)(?![A-Za-z]))*"
)
_MAX_JOIN_GAP: Final = 16
_CLAUSE_BREAK: Final = re.compile(r"[，。；;！？!?,\n\r()（）「」“”\"]")


@dataclass(slots=True)
class TimeMention:
    """What one time expression says, unresolved. Offsets index the text."""

    start: int
    end: int
    zone: str | None = None  # IANA name, ``LOCAL``, "UTC" or "+08:00"
    market: bool = False
    year: int | None = None
    year_rel: int | None = None
    year_part: Hours | None = None
    month: int | None = None
    month_rel: int | None = None
    month_part: Hours | None = None
    day: int | None = None
    day_rel: int | None = None
    day_from_context: bool = False  # 次日 / 当天 count from the previous date
    weekday: int | None = None
    week_rel: int | None = None  # None: the most recent such day
    week: str | None = None  # "week" or "weekend"
    pod: Hours | None = None
    clock: tuple[int, int, int, str] | None = None  # hour, minute, second, precision
    ampm: str | None = None  # "a" or "p"
    close: tuple[int, int] | None = None
    weak_day: bool = False  # 三号 / 十七日 need a month

    @property
    def has_day(self) -> bool:
        return self.day is not None or self.day_rel is not None or self.weekday is not None \
            or self.week is not None

    @property
    def has_date(self) -> bool:
        return self.has_day or self.year is not None or self.year_rel is not None \
            or self.month is not None or self.month_rel is not None


def number(text: str) -> int:
    """``17``, ``１７``, ``十七``, ``二十一`` or ``二〇二三`` as an int."""
    if text[0] not in _CN_DIGITS and text[0] != "十":
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return int("".join(str(_CN_DIGITS[c]) for c in text))


def _key(word: str) -> str:
    """Lookup key of a matched word: English lower-cased with single spaces."""
    return " ".join(word.split()).lower() if word.isascii() else word


@lru_cache(maxsize=1)
def _hk2s_characters() -> dict[str, str]:
    """Every BMP Han character opencc ``hk2s`` changes, and what to (computed once, ~15 ms)."""
    import opencc

    chars = [chr(c) for r in (range(0x3400, 0xA000), range(0xF900, 0xFB00)) for c in r]
    folded = opencc.OpenCC("hk2s").convert("\n".join(chars)).split("\n")
    if len(folded) != len(chars):  # never seen; fall back to one call per character
        folded = [opencc.OpenCC("hk2s").convert(c) for c in chars]
    return {t: s for t, s in zip(chars, folded) if t != s and len(s) == 1}


class Grammar:
    """The compiled atom pattern, fold table and lookup tables of one ``TimePolicy``."""

    def __init__(self, policy: TimePolicy) -> None:
        self.policy = policy
        source = atom_pattern(policy)
        self.pattern = re.compile(source)
        wanted = {c for c in source if ord(c) > 0x2E7F}
        self.fold_table = {ord(t): ord(s) for t, s in _hk2s_characters().items() if s in wanted}
        self.zones = {_key(w): z for w, z in policy.zone_words.items()}
        self.parts_of_day = {_key(w): h for w, h in policy.parts_of_day.items()}
        self.market_times = {_key(w): t for w, t in policy.market_times.items()}

    def fold(self, text: str) -> str:
        """Traditional → Simplified for the characters the grammar reads (length-preserving)."""
        return text if text.isascii() else text.translate(self.fold_table)

    def mentions(self, text: str) -> list[TimeMention]:
        """Time mentions in ``text`` (any script), in order, zone words applied."""
        folded = self.fold(text)
        out: list[TimeMention] = []
        pending: TimeMention | None = None
        for group in self._groups(list(self.pattern.finditer(folded)), folded):
            mention = _mention(self, group)
            if mention is None:
                continue
            if not (mention.has_date or mention.clock or mention.pod):
                pending = mention  # a zone word waiting for its time
                continue
            if pending is not None and self._reaches(pending, mention, folded):
                mention.zone = mention.zone or pending.zone
                mention.market = mention.market or pending.market
            pending = None
            out.append(mention)
        return out

    def _groups(self, atoms: list[re.Match[str]], text: str) -> list[list[re.Match[str]]]:
        groups: list[list[re.Match[str]]] = []
        current: list[re.Match[str]] = []
        slots: frozenset[str] = frozenset()
        finest = -1
        for i, m in enumerate(atoms):
            kind = m.lastgroup or ""
            adjacent = bool(current) and current[-1].end() == m.start()
            if kind == "pod1" and not adjacent:
                continue  # 早 / 晚 only right after a day
            if current and (adjacent or _joined(text, current[-1].end(), m.start())) \
                    and _fits(kind, slots, finest, atoms, i, text):
                current.append(m)
                slots |= _SLOTS[kind]
                finest = max(finest, _RANKS.get(kind, (-1, -1))[0])
                continue
            if current:
                groups.append(current)
            current, slots, finest = [m], _SLOTS[kind], _RANKS.get(kind, (-1, -1))[0]
        if current:
            groups.append(current)
        return groups

    def _reaches(self, zone: TimeMention, mention: TimeMention, text: str) -> bool:
        gap = mention.start - zone.end
        return gap <= self.policy.zone_reach and not _CLAUSE_BREAK.search(text, zone.end, mention.start)


def _joined(text: str, end: int, start: int) -> bool:
    """Only joiners (spaces, ``,``, ``:``, 的, at, on …) between two atoms."""
    return start - end <= _MAX_JOIN_GAP and _JOINER.fullmatch(text, end, start) is not None


def _fits(kind: str, slots: frozenset[str], finest: int, atoms: list[re.Match[str]], i: int, text: str) -> bool:
    """May atom ``i`` join the current group (which fills ``slots``)?"""
    if _SLOTS[kind] & slots:
        return False
    ranks = _RANKS.get(kind)
    if ranks is not None and finest > ranks[1]:
        return False  # 17日 2023年: a coarser unit after a finer one starts anew
    if kind not in _ZONE_KINDS or not (slots - {"zone", "market"}):
        return True
    if kind == "place":
        return False  # a place only leads: 在旧金山周日晚上
    if i + 1 < len(atoms):  # a zone word before a time leads it; otherwise it trails
        following = atoms[i + 1]
        if following.lastgroup not in _ZONE_KINDS and _joined(text, atoms[i].end(), following.start()):
            return False
    return True


def _mention(grammar: Grammar, group: list[re.Match[str]]) -> TimeMention | None:
    """Read a group of atoms; drop weak atoms without the company they need."""
    mention = TimeMention(group[0].start(), group[-1].end())
    weak = [m for m in group if _READERS[m.lastgroup or ""](grammar, m, mention)]
    if weak:
        kept = [m for m in group if m not in weak or _weak_ok(m, mention)]
        if len(kept) != len(group):
            return _mention(grammar, kept) if kept else None
    if mention.weak_day and mention.month is None and mention.month_rel is None:
        return None
    return mention


def _weak_ok(m: re.Match[str], mention: TimeMention) -> bool:
    if m.lastgroup in ("pod1", "close", "close_en"):
        return mention.has_day
    return mention.has_date or mention.pod is not None  # a bare 3点 needs company


# -- atom readers: fill the mention; return True if the atom is weak ------------


def _read_iso(g: Grammar, m: re.Match[str], t: TimeMention) -> bool:
    t.year, t.month, t.day = int(m["iso_y"]), int(m["iso_mo"]), int(m["iso_d"])
    if m["iso_h"]:
        second = m["iso_s"]
        t.clock = (int(m["iso_h"]), int(m["iso_mi"]), int(second or 0), "second" if second else "minute")
    offset = m["iso_z"]
    if offset:
        t.zone = "UTC" if offset == "Z" else f"{offset[:3]}:{offset[-2:]}"
    return False


def _read_zone(g: Grammar, m: re.Match[str], t: TimeMention) -> bool:
    t.zone = g.zones[_key(m.group())]
    return False


def _read_place(g: Grammar, m: re.Match[str], t: TimeMention) -> bool:
    t.zone = g.policy.place_zones[m["place_t"] or m["place_n"]]
    return False


def _read_market(g: Grammar, m: re.Match[str], t: TimeMention) -> bool:
    t.market = True
    return False


def _read_close(g: Grammar, m: re.Match[str], t: TimeMention) -> bool:
    t.close = g.market_times[_key(m.group())]
    return True


def _read_english_date(g: Grammar, m: re.Match[str], t: TimeMention) -> bool:
    kind = m.lastgroup
    t.month = MONTHS[m[f"{kind}_m"].lower()]
    if kind != "emy":
        t.day = int(m[f"{kind}_d"])
    year = m[f"{kind}_y"]
    if year:
        t.year = int(year)
    return False


def _read_rel_year(g: Grammar, m: re.Match[str], t: TimeMention) -> bool:
    t.year_rel = RELATIVE_PREFIXES[m["eyear_rel"].lower()]
    return False


def _read_rel_month(g: Grammar, m: re.Match[str], t: TimeMention) -> bool:
    t.month_rel = RELATIVE_PREFIXES[m["emonth_rel"].lower()]
    return False


def _read_rel_day(g: Grammar, m: re.Match[str], t: TimeMention) -> bool:
    word = _key(m.group())
    if word in CONTEXT_DAYS:
        t.day_rel, t.day_from_context = CONTEXT_DAYS[word], True
        return False
    t.day_rel, part = RELATIVE_DAYS[word]
    if part is not None:
        t.pod = g.parts_of_day.get(part)
    return False


def _read_weekday(g: Grammar, m: re.Match[str], t: TimeMention) -> bool:
    kind = m.lastgroup
    t.weekday = WEEKDAYS[m[f"{kind}_n"].lower()]
    rel = m[f"{kind}_rel"]
    if rel and not (kind == "ewd" and rel.lower() == "last"):  # English "last Friday": the most recent
        t.week_rel = RELATIVE_PREFIXES[rel.lower()]
    return False


def _read_week(g: Grammar, m: re.Match[str], t: TimeMention) -> bool:
    word = m.group().lower()
    t.week = "weekend" if word.endswith(("末", "weekend")) else "week"
    rel = m["eweek_rel"] if m.lastgroup == "eweek" else (m["week_rel"] or m["week_rel2"])
    t.week_rel = RELATIVE_PREFIXES[rel.lower()] if rel else None
    return False


def _read_year(g: Grammar, m: re.Match[str], t: TimeMention) -> bool:
    kind = m.lastgroup
    if kind == "yearz" and m["yearz_rel"]:
        t.year_rel = RELATIVE_PREFIXES[m["yearz_rel"]]
    else:
        t.year = number(m[f"{kind}_n"])
    part = m[f"{kind}_part"]
    if part:
        t.year_part = g.policy.parts_of_year[part]
    return False


def _read_month(g: Grammar, m: re.Match[str], t: TimeMention) -> bool:
    kind = m.lastgroup
    if kind == "monthz" and m["monthz_rel"]:
        t.month_rel = RELATIVE_PREFIXES[m["monthz_rel"]]
    else:
        t.month = number(m[f"{kind}_n"])
    part = m[f"{kind}_part"]
    if part:
        t.month_part = g.policy.parts_of_month[part]
    return False


def _read_day(g: Grammar, m: re.Match[str], t: TimeMention) -> bool:
    kind = m.lastgroup
    t.day = number(m[f"{kind}_n"])
    t.weak_day = kind == "dayz" or m["day_mark"] == "号"
    return False


def _read_clock(g: Grammar, m: re.Match[str], t: TimeMention) -> bool:
    second = m["clock_s"]
    t.clock = (int(m["clock_h"]), int(m["clock_m"]), int(second or 0), "second" if second else "minute")
    t.ampm = m["clock_ap"] and m["clock_ap"][0].lower()
    return False


def _read_ampm(g: Grammar, m: re.Match[str], t: TimeMention) -> bool:
    t.clock = (int(m["ampm_h"]), 0, 0, "hour")
    t.ampm = m["ampm_ap"][0].lower()
    return False


def _read_zclock(g: Grammar, m: re.Match[str], t: TimeMention) -> bool:
    kind = m.lastgroup
    hour, minute = number(m[f"{kind}_h"]), m[f"{kind}_m"]
    if minute:
        t.clock = (hour, number(minute), 0, "minute")
    elif m[f"{kind}_half"]:
        t.clock = (hour, 30, 0, "minute")
    else:
        t.clock = (hour, 0, 0, "hour")
    strong = minute or (kind == "zclock" and m["zclock_u"] == "时")
    return not strong  # 3点 / 一点 alone is not a time


def _read_noon(g: Grammar, m: re.Match[str], t: TimeMention) -> bool:
    t.clock = (12 if m["noon_w"].lower() == "noon" else 0, 0, 0, "minute")
    return False


def _read_pod(g: Grammar, m: re.Match[str], t: TimeMention) -> bool:
    t.pod = g.parts_of_day[_key(m.group())]
    return m.lastgroup == "pod1"


_READERS: Final = {
    "iso": _read_iso, "zone": _read_zone, "zone_en": _read_zone, "place": _read_place,
    "market": _read_market, "close": _read_close, "close_en": _read_close,
    "emd": _read_english_date, "edm": _read_english_date, "emy": _read_english_date,
    "eweek": _read_week, "eyear": _read_rel_year, "emonth": _read_rel_month,
    "rday": _read_rel_day, "rday_en": _read_rel_day, "ewd": _read_weekday, "wd": _read_weekday,
    "week": _read_week, "year": _read_year, "yearz": _read_year, "month": _read_month,
    "monthz": _read_month, "day": _read_day, "dayz": _read_day, "clock": _read_clock,
    "ampm": _read_ampm, "zclock": _read_zclock, "zclockz": _read_zclock, "noon": _read_noon,
    "pod": _read_pod, "pod_en": _read_pod, "pod1": _read_pod,
}
