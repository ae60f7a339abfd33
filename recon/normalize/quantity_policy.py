"""What the quantity parser knows: its tolerances and lexicons, in one place.

Everything tunable about reading "超过700人" lives in `QuantityPolicy`: how
wide 近 and 约 are, which words are qualifiers, units, currencies or
classifiers, which neighbours stop a word from counting, and which phrases
state zero without a numeral (没有股份, no stake).  The scanner compiles a
policy once (`recon.normalize.quantity_grammar`); pass another policy to
`recon.normalize.quantity.parse_quantity` to experiment.

Facts of the languages (numeral characters, magnitudes) are not policy: they
live in `recon.normalize.numerals`.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_POLICY", "Lexicon", "QuantityPolicy", "UnitTable"]

Lexicon = tuple[tuple[str, str], ...]
"""(surface form, value) pairs.  Write zh-Hans: the scanner folds Traditional to it."""

_PREFIX_QUALIFIERS: Lexicon = (
    ("近", "nearly"), ("将近", "nearly"), ("接近", "nearly"), ("几近", "nearly"),
    ("nearly", "nearly"), ("almost", "nearly"), ("close to", "nearly"), ("just under", "nearly"),
    ("约", "approx"), ("大约", "approx"), ("约为", "approx"), ("约有", "approx"),
    ("约合", "approx"), ("约占", "approx"), ("约等于", "approx"), ("约达", "approx"),
    ("大概", "approx"), ("大致", "approx"), ("差不多", "approx"), ("about", "approx"),
    ("around", "approx"), ("approximately", "approx"), ("approx.", "approx"),
    ("roughly", "approx"), ("some", "approx"), ("circa", "approx"),
    ("an estimated", "approx"), ("~", "approx"), ("≈", "approx"),
    ("超过", "more_than"), ("超", "more_than"), ("逾", "more_than"), ("多于", "more_than"),
    ("高于", "more_than"), ("超出", "more_than"), ("more than", "more_than"),
    ("over", "more_than"), ("upwards of", "more_than"), ("in excess of", "more_than"),
    ("above", "more_than"), ("greater than", "more_than"), ("just over", "more_than"),
    (">", "more_than"),
    ("至少", "at_least"), ("最少", "at_least"), ("不少于", "at_least"), ("不低于", "at_least"),
    ("突破", "at_least"), ("at least", "at_least"), ("no fewer than", "at_least"),
    ("no less than", "at_least"), ("≥", "at_least"), (">=", "at_least"),
    ("最多", "at_most"), ("至多", "at_most"), ("不超过", "at_most"), ("不多于", "at_most"),
    ("不高于", "at_most"), ("at most", "at_most"), ("up to", "at_most"),
    ("no more than", "at_most"), ("≤", "at_most"), ("<=", "at_most"),
    ("不到", "less_than"), ("不足", "less_than"), ("少于", "less_than"), ("低于", "less_than"),
    ("未满", "less_than"), ("不满", "less_than"), ("less than", "less_than"),
    ("fewer than", "less_than"), ("under", "less_than"), ("below", "less_than"),
    ("<", "less_than"),
)  # fmt: skip

# Qualifiers that may stand apart from their number in the same clause
# (约占公司员工总数的95%).  Multi-character words only: a lone 约 or 近 far from
# the number is too often part of another word (纽约, 最近).
_DISTANT_QUALIFIERS: Lexicon = tuple(
    (w, q) for w, q in _PREFIX_QUALIFIERS
    if w in ("约占", "约有", "约为", "约合", "约等于", "约达", "大约", "大概", "将近",
             "超过", "突破", "至少", "不到", "不足", "不超过", "不少于")
)  # fmt: skip

_SUFFIX_QUALIFIERS: Lexicon = (
    ("以上", "at_least"), ("以下", "at_most"), ("以内", "at_most"), ("左右", "approx"),
    ("上下", "approx"), ("or more", "at_least"), ("or so", "approx"),
    ("or fewer", "at_most"), ("or less", "at_most"), ("+", "more_than"),
)  # fmt: skip

# surface → (canonical unit, scale); a classifier counts things without a unit.
UnitTable = tuple[tuple[str, str | None, int], ...]
"""(surface form, canonical unit or None for a classifier, scale) triples."""

_UNITS: UnitTable = tuple(
    (w, unit, scale) for unit, scale, words in (
        ("person", 1, ("人 名 位 员工 employees employee people persons person staff staffers staffer workers "
                       "worker members member researchers researcher")),
        ("user", 1, "用户 users"),
        ("USD", 1, "美元 美金 dollars dollar usd"),
        ("CNY", 1, "元 人民币 yuan rmb cny"),
        ("HKD", 1, "港元 港币 hkd"), ("EUR", 1, "欧元 euros eur"), ("GBP", 1, "英镑 gbp"),
        ("JPY", 1, "日元 jpy"),
        ("percent", 1, "% percent per_cent pct"), ("percent", 10, "成"),
        ("percentage_point", 1, "个百分点 百分点 percentage_points"),
        ("hour", 1, "小时 个小时 钟头 个钟头 hours hour"), ("minute", 1, "分钟 minutes"),
        ("day", 1, "天 days day"), ("week", 1, "周 个星期 weeks"), ("month", 1, "个月 months"),
        ("year", 1, "years"), ("age", 1, "岁 years_old"), ("times", 1, "倍 times"),
        (None, 1, "个 家 项 次 条 篇 款 件 支 台 部 辆 架 场 轮 批 份 张 所 座 届 种"),
    ) for w in (raw.replace("_", " ") for raw in words.split())
)  # fmt: skip
_CURRENCY_PREFIXES: Lexicon = (
    ("us$", "USD"), ("$", "USD"), ("usd", "USD"), ("人民币", "CNY"), ("rmb", "CNY"),
    ("¥", "CNY"), ("￥", "CNY"), ("hk$", "HKD"), ("€", "EUR"), ("£", "GBP"),
    ("百分之", "percent"),
)  # fmt: skip
# A surface is not a match when followed (units) or preceded (qualifiers) by these.
_NOT_FOLLOWED_BY: Lexicon = (
    ("成", "员立功本果长交就熟绩型品都"), ("位", "数置于"), ("名", "字单义称片额牌次"),
    ("周", "年岁"), ("天", "下"), ("人", "民事"), ("+", "0123456789"),
)  # fmt: skip
_NOT_PRECEDED_BY: Lexicon = (
    ("近", "最附靠邻亲临贴就远逼走"), ("约", "纽预合签条契公制节婚邀赴相失违履解特盟誓践爽租"),
    ("超", "赶高追入"), ("不到", "回做想找看买等达办用赶见说听接拿收猜料意感遇碰抓吃得"),
)  # fmt: skip
# Zero stated without a numeral: a negation, then (maybe across a few words,
# through 任何/any) something held.  A bare 无 / none is zero only as a whole
# phrase: in running text 没有 and "no" are far more often plain negation.
_ZERO_WORDS = "无 没有 并无 none zero nil nothing"
_ZERO_NEGATIONS = "没有 没 无 并无 毫无 未 不 不持有 未持有 不拥有 未拥有 no not never without"
_ZERO_ANY = "任何 any"
_ZERO_OBJECTS = "股份 股权 股票 持股 stake stakes share shares equity ownership"
_ARTICLES = "一个 一种 一位 一家 一次 一项 一场 一条 一篇 一款 一批 一件 一支 一部 一座 一所 一张 一份 一轮 一届"


@dataclass(frozen=True)
class QuantityPolicy:
    """Every tolerance and lexicon the quantity parser uses, in one place."""

    nearly_fraction: float = 0.10  # 近 x → [x(1-δ), x)
    approx_fraction: float = 0.05  # 约 x → [x(1-ε), x(1+ε)]
    lookback_chars: int = 12  # how far back in a clause a 约占… may stand
    percent_unit: str = "percent"
    percent_cap: float = 100.0  # a share tops out at 100%
    several_multipliers: tuple[int, int] = (2, 9)  # 数十 → [20, 90]
    order_of_factor: int = 10  # 上百 → [100, 1000)
    english_plurals: tuple[tuple[str, int, int], ...] = (
        ("tens", 20, 100), ("dozens", 24, 100), ("hundreds", 200, 1000),
        ("thousands", 2000, 10**4), ("millions", 2 * 10**6, 10**7),
        ("billions", 2 * 10**9, 10**10),
    )  # fmt: skip
    year_range: tuple[int, int] = (1900, 2100)  # a bare 4-digit number here is a year
    max_value: float = 1e30  # larger readings are refused, not trusted
    prefix_qualifiers: Lexicon = _PREFIX_QUALIFIERS
    distant_qualifiers: Lexicon = _DISTANT_QUALIFIERS
    suffix_qualifiers: Lexicon = _SUFFIX_QUALIFIERS
    plus_suffixes: str = "多余几"  # 710多, 十余, 十几 → (x, x + step(x))
    units: UnitTable = _UNITS
    currency_prefixes: Lexicon = _CURRENCY_PREFIXES
    not_followed_by: Lexicon = _NOT_FOLLOWED_BY
    not_preceded_by: Lexicon = _NOT_PRECEDED_BY
    clause_breaks: str = ",，。；;：:!?！？、\n"
    date_suffixes: str = "年月日号时点分秒"  # 2023年, 11月, 17日, 12时 are not quantities
    ordinal_prefixes: str = "第"
    cn_prefix_stops: str = "周期拜之统唯初其"  # 周五, 星期一, 之一, 统一, 唯一, 初一
    determiners: str = "这那此该每同"  # 这一, 每一, 同一: 一 is "this/every/same", no count
    code_neighbours: str = "-–_/@#.:©\\"  # GPT-4, 12:19, @2022
    several_noun_stops: str = "人总次多少无半全倍指分函系参变岁户码据"  # 人数十分: not 数十
    article_phrases: frozenset[str] = frozenset(_ARTICLES.split())
    # 没有股份, 不持有OpenAI任何股份, no stake → [0, 0] exact; a lone 无 / none only as a whole phrase
    zero_words: frozenset[str] = frozenset(_ZERO_WORDS.split())
    zero_negations: tuple[str, ...] = tuple(_ZERO_NEGATIONS.split())
    zero_any: tuple[str, ...] = tuple(_ZERO_ANY.split())  # may stand a few words after the negation
    zero_objects: tuple[str, ...] = tuple(_ZERO_OBJECTS.split())


DEFAULT_POLICY = QuantityPolicy()
