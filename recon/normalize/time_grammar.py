"""The lexer: from text to ``TimeMention`` records (what a time expression says).

``Grammar(policy).mentions(text)`` finds time expressions in text (any script)
and returns what each *says*: a year, 11 月, 周五, 早, 北京时间, 收盘 … with its
character span (:mod:`~recon.normalize.time_mention` reads the atoms).
Resolving a mention against a publish date and zones is
:mod:`~recon.normalize.time_resolve`'s job.

1. ``fold`` maps Traditional characters to Simplified with opencc ``hk2s``'s
   own character table, restricted to the characters the grammar reads; one
   ``str.translate``, length-preserving, so offsets stay valid.
2. One regular expression finds *atoms*: a zone word, a year, a month, a day,
   a weekday, a relative day (昨天), a part of the day (早上), a clock time …
   It dispatches on the first character (digit, Latin letter, Han), so each
   position tries only the atoms that can start there.
3. Adjacent atoms (only spaces, ``,``, ``:``, 的, at, on, of … between) that
   fill different slots join into one mention: 当地时间 11 月 17 日週五. Two
   mentions joined by 至 / 到 / — / to are one range: 2019年起至2023年初.
4. A zone word followed by a time leads it (北京时间21日早); after a time it
   trails (4pm ET, 周五美股). A zone word with no time next to it reaches the
   first time later in its clause (美东时间11有29日周三).
5. Weak atoms need company: 早/晚/夜 and 收盘 a day, 3点 a date or a part of
   the day, 三号 a month. Zone words alone are not times.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from recon.normalize.time_mention import Tables, TimeMention, read_group
from recon.normalize.time_policy import CONTEXT_DAYS, MONTHS, RELATIVE_DAYS, WEEKDAYS, TimePolicy

__all__ = ["REL", "Grammar", "atom_pattern", "han_words", "latin_words"]

_D = "[0-9０-９]"
_CN = "[〇零一二两三四五六七八九十]"
_GAP = "[ \t\u00a0\u3000]*"
_NOT_AFTER_NUMBER = "(?<![0-9０-９.〇零一二两三四五六七八九十])"
#: 上 / 上个 / 本 / 下下个 …: the relative prefixes of 月 and 周.
REL = "(?:上上个?|上个?|本|这个?|下下个?|下个?)"
_REL_EN = "(?ai:last|this|next)"
_AMPM = r"(?ai:a\.m\.|p\.m\.|am|pm)(?![A-Za-z])"
#: After a one-character part these make another word, not a time: 初步, 底线 / 晚些, 早期.
_NOT_CALENDAR_WORD = "(?![步次衷期心始级稿审选赛线])"
_NOT_DAY_WORD = "(?![些期先于已就餐饭报年会宴点在到了])"
#: Chinese characters that begin atoms besides the policy's words.
_HAN_STARTS = "〇零一二两三四五六七八九十今去前明上本这下周星礼(（"


def han_words(words: Iterable[str], blockers: str = "") -> str:
    """Chinese words, longest first; a one-character word must not be followed by ``blockers``."""
    ordered = sorted({w for w in words if not w.isascii()}, key=len, reverse=True)
    return "|".join(re.escape(w) + (blockers if len(w) == 1 else "") for w in ordered) or "(?!)"


def latin_words(words: Iterable[str]) -> str:
    """English words, whole, case-insensitive except capital abbreviations (ET, PST)."""
    ordered = sorted({w for w in words if w.isascii()}, key=len, reverse=True)
    spaced = [re.escape(w).replace("\\ ", "[ \t\u00a0]+") for w in ordered]
    capitals = [p for p, w in zip(spaced, ordered) if w.isupper()]
    others = [p for p, w in zip(spaced, ordered) if not w.isupper()]
    parts = ([f"(?:{'|'.join(capitals)})"] if capitals else []) + ([f"(?ai:{'|'.join(others)})"] if others else [])
    return f"(?:{'|'.join(parts)})(?![A-Za-z])" if parts else "(?!)"


def _digit_atoms(policy: TimePolicy) -> list[str]:
    months = latin_words(MONTHS)
    return [
        # 2023-11-22 17:23:04, 2023/11/20, 2023-11-17T08:00Z
        r"(?P<iso>(?<![0-9A-Za-z/.\-])(?P<iso_y>[0-9]{4})(?P<iso_sep>[-/])(?P<iso_mo>[0-9]{1,2})"
        r"(?P=iso_sep)(?P<iso_d>[0-9]{1,2})(?:(?:T|[ \t]+)(?P<iso_h>[0-9]{1,2}):(?P<iso_mi>[0-9]{2})"
        r"(?::(?P<iso_s>[0-9]{2})(?:\.[0-9]+)?)?(?P<iso_z>Z|[+-][0-9]{2}:?[0-9]{2})?)?(?![0-9A-Za-z/]))",
        # 12:19, 17:23:04, 4:30 pm / 4pm
        f"(?P<clock>(?<![0-9０-９:：.])(?P<clock_h>{_D}{{1,2}})[:：](?P<clock_m>{_D}{{2}})(?:[:：](?P<clock_s>{_D}{{2}}))?"
        f"(?!{_D}|[:：]{_D})(?:{_GAP}(?P<clock_ap>{_AMPM}))?)",
        f"(?P<ampm>(?<![0-9A-Za-z.:])(?P<ampm_h>[0-9]{{1,2}}){_GAP}(?P<ampm_ap>{_AMPM}))",
        f"(?P<year>{_NOT_AFTER_NUMBER}(?P<year_n>{_D}{{4}}){_GAP}年"
        f"(?:{_GAP}(?P<year_part>{han_words(policy.parts_of_year, _NOT_CALENDAR_WORD)}))?)",
        f"(?P<month>{_NOT_AFTER_NUMBER}(?P<month_n>{_D}{{1,2}}){_GAP}月"
        f"(?:{_GAP}(?P<month_part>{han_words(policy.parts_of_month, _NOT_CALENDAR_WORD)}))?)",
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
    months = latin_words(MONTHS)
    return [
        f"(?P<zone_en>{latin_words(policy.zone_words)})",
        f"(?P<close_en>{latin_words(policy.market_times)})",
        f"(?P<rday_en>{latin_words([*RELATIVE_DAYS, *CONTEXT_DAYS])})",
        # Nov. 17 / November 17, 2023 / November 2023
        rf"(?P<emd>(?P<emd_m>{months})\.?{_GAP}(?P<emd_d>[0-9]{{1,2}})(?:st|nd|rd|th)?(?![0-9:A-Za-z])"
        rf"(?:,?{_GAP}(?P<emd_y>[0-9]{{4}})(?![0-9]))?)",
        rf"(?P<emy>(?P<emy_m>{months})\.?,?{_GAP}(?P<emy_y>[0-9]{{4}})(?![0-9]))",
        # early May, mid-April, late April 2025
        rf"(?P<epm>(?P<epm_p>(?ai:early|mid|late))[- ]+(?P<epm_m>{months})\.?(?![A-Za-z])"
        rf"(?:,?{_GAP}(?P<epm_y>[0-9]{{4}})(?![0-9]))?)",
        # in 2016; Q1 2025
        r"(?P<eyr>(?ai:in)[ ]+(?P<eyr_y>[12][0-9]{3})(?![0-9.,]))",
        r"(?P<eq>(?P<eq_q>[Qq][1-4])[ ]+(?P<eq_y>[12][0-9]{3})(?![0-9]))",
        f"(?P<eweek>(?P<eweek_rel>{_REL_EN})[ \t]+(?P<eweek_k>(?ai:weekend|week))(?![A-Za-z]))",
        f"(?P<eyear>(?P<eyear_rel>{_REL_EN})[ \t]+(?ai:year)(?![A-Za-z]))",
        f"(?P<emonth>(?P<emonth_rel>{_REL_EN})[ \t]+(?ai:month)(?![A-Za-z]))",
        f"(?P<ewd>(?:(?P<ewd_rel>{_REL_EN})[ \t]+)?(?P<ewd_n>{latin_words(WEEKDAYS)}))",
        "(?P<noon>(?P<noon_w>(?ai:noon|midnight))(?![A-Za-z]))",
        f"(?P<pod_en>{latin_words(policy.parts_of_day)})",
    ]


def _han_atoms(policy: TimePolicy) -> list[str]:
    places = han_words(policy.place_zones)
    long_parts = [w for w in policy.parts_of_day if len(w) > 1]
    one_char_parts = [w for w in policy.parts_of_day if len(w) == 1]
    return [
        f"(?P<zone>{han_words(policy.zone_words)})",
        f"(?P<place>(?P<place_t>{places}){_GAP}时间|(?<=在)(?P<place_n>{places}))",
        f"(?P<market>{han_words(policy.market_words)})",
        f"(?P<close>{han_words(policy.market_times)})",
        f"(?P<rday>{han_words([*RELATIVE_DAYS, *CONTEXT_DAYS])})",
        # 周五, 上周五, 星期六, (周二)
        f"(?P<wd>(?=[周星礼(（上本这下])(?<![一二两三四五六七八九十几数每0-9０-９])(?P<wd_open>[（(])?(?P<wd_rel>{REL})?"
        f"(?:周|星期|礼拜)(?P<wd_n>[一二三四五六日天])(?(wd_open)[)）])(?![一二三四五六七八九十]))",
        f"(?P<week>(?=[周上本这下])(?<!每)(?:(?P<week_rel>{REL})?周末|(?P<week_rel2>{REL})(?:周|星期|礼拜)"
        "(?![一二三四五六日天末围年边期岁刊报])))",
        f"(?P<yearz>(?=[〇零一二三四五六七八九今去前明])(?:{_NOT_AFTER_NUMBER}(?P<yearz_n>[〇零一二三四五六七八九]{{4}})|(?P<yearz_rel>[今去前明]))"
        f"{_GAP}年(?:{_GAP}(?P<yearz_part>{han_words(policy.parts_of_year, _NOT_CALENDAR_WORD)}))?)",
        f"(?P<monthz>(?=[一二三四五六七八九十上本这下])(?:{_NOT_AFTER_NUMBER}(?P<monthz_n>十[一二]?|[一二三四五六七八九])|(?P<monthz_rel>{REL}))"
        f"{_GAP}月(?:{_GAP}(?P<monthz_part>{han_words(policy.parts_of_month, _NOT_CALENDAR_WORD)}))?)",
        f"(?P<dayz>(?=[一二三四五六七八九十]){_NOT_AFTER_NUMBER}(?P<dayz_n>三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"
        f"{_GAP}(?P<dayz_mark>[日号])(?!{_GAP}(?:内|以内|之内)))",
        f"(?P<zclockz>(?=[零一二两三四五六七八九十]){_NOT_AFTER_NUMBER}(?P<zclockz_h>[零一二两三四五六七八九十]{{1,3}}){_GAP}"
        f"(?:点(?![击赞评名数])|时(?![间候期代刻段]))(?:{_GAP}(?P<zclockz_m>{_D}{{1,2}}|{_CN}{{1,3}})"
        f"{_GAP}分|(?P<zclockz_half>半)|整)?)",
        f"(?P<pod>{han_words(long_parts)})",
        f"(?P<pod1>(?<=[日一二三四五六天])(?:{han_words(one_char_parts, _NOT_DAY_WORD)}))",
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
        "epm": "year month", "eyr": "year", "eq": "year month",
        "eweek": "year month day weekday", "eyear": "year", "emonth": "year month",
        "rday": "year month day", "rday_en": "year month day", "ewd": "weekday", "wd": "weekday",
        "week": "year month day weekday", "year": "year", "yearz": "year", "month": "month",
        "monthz": "month", "day": "day", "dayz": "day", "clock": "clock", "ampm": "clock",
        "zclock": "clock", "zclockz": "clock", "noon": "clock", "pod": "pod", "pod_en": "pod", "pod1": "pod",
    }.items()
}
_ZONE_KINDS: Final = frozenset({"zone", "zone_en", "place", "market"})
_DATE_RANK: Final = {"year": 0, "month": 1, "day": 2}
_DATE_SLOTS: Final = frozenset({"year", "month", "day", "weekday"})
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
#: Between the two ends of a range: 17日至18日, 2019年起至2023年初, 12月5日—12月11日, Nov 17 to 19.
_RANGE: Final = re.compile(
    r"[ \t\u3000]*起?[ \t\u3000]*(?:至|到|—|–|~|～|-|(?<![A-Za-z])(?ai:to|through|until)(?![A-Za-z]))[ \t\u3000]*"
)
_CLAUSE_BREAK: Final = re.compile(r"[，。；;！？!?,\n\r()（）「」“”\"]")


def _hk2s_characters() -> dict[str, str]:
    """Every character opencc ``hk2s`` changes on its own, and what to (from the shipped table)."""
    from recon.normalize.script import simplified_chars

    return simplified_chars()


class Grammar:
    """The compiled atom pattern, fold table and word tables of one ``TimePolicy``."""

    def __init__(self, policy: TimePolicy) -> None:
        self.policy = policy
        source = atom_pattern(policy)
        self.pattern = re.compile(source)
        wanted = {c for c in source if ord(c) > 0x2E7F}
        self.fold_table = {ord(t): ord(s) for t, s in _hk2s_characters().items() if s in wanted}
        self.tables = Tables.of(policy)

    def fold(self, text: str) -> str:
        """Traditional → Simplified for the characters the grammar reads (length-preserving)."""
        return text if text.isascii() else text.translate(self.fold_table)

    def mentions(self, text: str) -> list[TimeMention]:
        """Time mentions in ``text`` (any script), in order, zone words applied."""
        folded = self.fold(text)
        out: list[TimeMention] = []
        pending: TimeMention | None = None
        for group in _group_atoms(list(self.pattern.finditer(folded)), folded):
            mention = read_group(self.tables, group)
            if mention is None:
                continue
            if not (mention.has_date or mention.clock or mention.pod):
                pending = mention  # a zone word waiting for its time
                continue
            if pending is not None and self._reaches(pending, mention, folded):
                mention.zone = mention.zone or pending.zone
                mention.market = mention.market or pending.market
            pending = None
            if out and _RANGE.fullmatch(folded, out[-1].end, mention.start) and out[-1].until is None:
                out[-1].extend_to(mention)  # 11月17日至18日, 2019年起至2023年初
                continue
            out.append(mention)
        return out

    def _reaches(self, zone: TimeMention, mention: TimeMention, text: str) -> bool:
        gap = mention.start - zone.end
        return gap <= self.policy.zone_reach and not _CLAUSE_BREAK.search(text, zone.end, mention.start)


def _group_atoms(atoms: list[re.Match[str]], text: str) -> list[list[re.Match[str]]]:
    """Adjacent atoms that fill different slots, in groups."""
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
            return _trails_clock_before_date(slots, _SLOTS[following.lastgroup or ""])
    return True


def _trails_clock_before_date(slots: frozenset[str], following: frozenset[str]) -> bool:
    """15:40 GMT on March 14, 10 p.m. local time on Friday: between a bare clock and the date that
    follows it, a zone word trails the clock and the date joins them."""
    return "clock" in slots and not slots & _DATE_SLOTS and "clock" not in following and bool(following & _DATE_SLOTS)


