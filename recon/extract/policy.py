"""Everything `recon extract` decides by, in one place: page chrome, section markers, weights.

The words here describe web pages and news prose in general, not any one seed
article: the menus and share buttons of Chinese portals and English news
sites, the headings that open a list of recommended items, the verbs that mark
a statement as reported or hedged. Property words come from the vocabulary's
`lexicon` (claims/vocab/properties.yaml), never from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from recon.model import EntityType, Language, ValueKind

#: Lines that are only a page control (share, like, menu): dropped wherever they stand.
CHROME_WORDS = (
    "分享 点赞 點讚 收藏 评论 評論 赏礼 赏钱 打赏 管理 关注 關注 粉丝 粉絲 文章 微博 微信 微信公众号 微信公眾號 "
    "个人中心 每日签到 我的消息 内容搜索 签到排行 正在阅读: 正在閱讀: 返回顶部 返回頂部 举报 舉報 "
    "share tweet email print advertisement comments subscribe menu search sign in log in"
)

#: Patterns of chrome lines (a case-insensitive regex each, searched in the line).
CHROME_PATTERNS = (
    r"^\s*[\d\s,.]+\s*$",  # a bare counter: 305, 0
    r"^\s*>|\S\s+>\s+\S.*\s>\s",  # a breadcrumb: > 自媒体 > (AI)人工智能 > …
    r"^\s*(图片来源|圖片來源|图源|圖源|题图|題圖|photo|image|credit)\s*[:：@|｜]",
    r"^\s*(来源|來源|资料来源|資料來源|出处|出處|source)\s*[:：]",
    r"^\s*(文|作者|编辑|編輯|责任编辑|責任編輯|责编|by)\s*[|｜:：]",
    r"扫一扫|掃一掃|下载.{0,8}app|下載.{0,8}app|点击领取|點擊領取|请选择要切换|請選擇要切換",
    r"all rights reserved|icp备|icp備|copyright|©",
    r"^\s*(参考链接|參考鏈接|原文链接|原文鏈接|原文地址)\s*[:：]",
    r"^\s*(更新时间|更新時間|发布时间|發佈時間|發布時間|published|updated)\s*[:：]?\s*\d",
    r"^\s*https?://\S+\s*$",
    r"^\s*(share|sign up|subscribe)\b.{0,40}$",
)

#: A line that starts the page footer: from it on, nothing is article text (until a snippet list).
FOOTER_PATTERNS = (
    r"^\s*(免责声明|免責聲明|版权声明|版權聲明|关于作者|關於作者|disclaimer|about the author)",
    r"^\s*(本文为转载内容|本文為轉載內容|未完待续|未完待續|请按此登录|請按此登錄|暂无评论|暫無評論)",
    r"^\s*(评论|評論|comments)\s*$",
)

#: A line that opens the list of works an article cites: dropped, up to the next snippet list.
REFERENCE_PATTERNS = (r"^\s*(参考资料|參考資料|参考文献|參考文獻|references|sources)\s*[:：]?\s*$",)

#: A line that opens a list of recommended items: dated ones about the story become sources of their own.
SNIPPET_PATTERNS = (
    r"^\s*(相关推荐|相關推薦|为您推荐|為您推薦|推荐阅读|推薦閱讀|猜你喜欢|猜你喜歡|相关阅读|相關閱讀|延伸阅读|延伸閱讀)\s*$",
    r"^\s*(related|related articles|related stories|recommended|read more|more stories)\s*:?\s*$",
)

#: A date standing alone on its line (page metadata, or a recommended item's date).
DATE_LINE = r"^\s*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})(?:[ T]+(\d{1,2}:\d{2}(?::\d{2})?))?\s*$"
#: A date in a metadata line: 更新时间:2023-11-21 10:05:49, Published 2023-11-30.
PAGE_DATE = (r"(?:更新时间|更新時間|发布时间|發佈時間|發布時間|published|updated)?\s*[:：]?\s*"
             r"(\d{4}-\d{1,2}-\d{1,2})(?:[ T]+(\d{1,2}:\d{2}(?::\d{2})?))?")
#: Where a page names the outlet it took the text from.
CREDIT_PATTERNS = (
    r"^\s*(?:来源|來源|资料来源|資料來源|出处|出處|source)\s*[:：]\s*([^\s,，|｜]+)",
    r"^\s*文\s*[|｜]\s*([^\s,，|｜]+)",
)

#: Statements the article attributes to someone else: 据 X 报道, according to X.
REPORTED_PATTERNS = (
    r"[据據]\s*(?P<who>[^,，。；;]{1,30}?)\s*(?:报道|報道|透露|称|稱|消息|信息)",
    r"(?P<who>[^,，。；;\s]{1,20})\s*(?:报道称|報道稱|透露|援引)",
    r"according to (?P<who>[A-Z][\w.'’ -]{1,40}?)(?=[,.;]|$)",
    r"(?P<who>[A-Z][\w.'’ -]{1,40}?) (?:reported|said in a report)",
    r"消息人士|知情人士|sources said|people familiar",
)
HEDGED_WORDS = ("或许", "或許", "似乎", "疑似", "可能", "据悉", "傳言", "传言", "may ", "might ", "reportedly")
HYPOTHETICAL_WORDS = ("如果", "假如", "倘若", "若是", "要是", "if ", "would have")

#: A title before a person's name that marks the role as past: 前 Twitch CEO, former CEO.
FORMER_PREFIXES = ("前", "原", "former ", "ex-")

#: Capitalised words that start sentences or name times, not people or organisations.
NAME_STOPWORDS = (
    "The A An On In At By For From To Of And But Or As After Before When While Then That This These Those "
    "It He She They We His Her Their Its Our Mr Ms Mrs Dr On Late Early Last Next Since Until About More "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec "
    "Share Advertisement Related Read Sign Updated Published"
)


@dataclass(frozen=True)
class Weights:
    """How sure a candidate is: a base per kind, raised by the evidence that placed it."""

    base: dict[str, float] = field(default_factory=lambda: {"quantity": 0.35, "time": 0.3, "role": 0.45})
    lexicon_in_clause: float = 0.35
    lexicon_in_sentence: float = 0.2
    subject_in_clause: float = 0.1
    subject_in_sentence: float = 0.05
    subject_far: float = -0.15
    with_unit_or_qualifier: float = 0.05
    bare_number: float = -0.15
    dated_to_the_day: float = 0.15
    adjacent_title: float = 0.3
    fallback: float = -0.25  # placed in a fallback slot, its likeliest one being taken (see consistency)
    floor: float = 0.05
    ceiling: float = 0.95


@dataclass(frozen=True)
class ExtractPolicy:
    """Page clean-up, text geometry and candidate scoring for `recon extract`."""

    chrome_words: frozenset[str] = frozenset(w.replace("_", " ") for w in CHROME_WORDS.split())
    chrome_patterns: tuple[str, ...] = CHROME_PATTERNS
    footer_patterns: tuple[str, ...] = FOOTER_PATTERNS
    reference_patterns: tuple[str, ...] = REFERENCE_PATTERNS
    snippet_patterns: tuple[str, ...] = SNIPPET_PATTERNS
    date_line: str = DATE_LINE
    page_date: str = PAGE_DATE
    credit_patterns: tuple[str, ...] = CREDIT_PATTERNS
    reported_patterns: tuple[str, ...] = REPORTED_PATTERNS
    hedged_words: tuple[str, ...] = HEDGED_WORDS
    hypothetical_words: tuple[str, ...] = HYPOTHETICAL_WORDS
    former_prefixes: tuple[str, ...] = FORMER_PREFIXES
    name_stopwords: frozenset[str] = frozenset(NAME_STOPWORDS.split())
    #: characters that end a transliterated name run into the sentence (杰克·史密斯在 → 杰克·史密斯)
    han_name_stops: str = "在与和是的称稱说說也被将將已于於对對等曾为為向从從及跟"
    #: a first line that starts with a date is a timeline heading, not the page's title
    dated_line: str = (r"^\s*\S{0,6}?\s*\d{1,4}\s*[年月日/.\-]"
                       r"|^\s*(?:on\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d")
    #: a repeated body: at least this many consecutive lines seen before …
    min_repeat_lines: int = 3
    #: … or one repeated line at least this long (a paragraph printed twice)
    min_repeat_chars: int = 30
    #: the first line of the page is its title when it is at most this long
    title_max_chars: int = 80
    #: clause and sentence breaks (an ASCII colon breaks only between non-digits: 12:19 stays whole)
    zh_clause_breaks: str = ",，。；;！？!?：\n"
    sentence_breaks: str = "。！？!?\n"
    english_abbreviations: frozenset[str] = frozenset(
        "Mr Mrs Ms Dr St Jr Sr Inc Corp Co Ltd No vs Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec U.S U.K "
        "a.m p.m".split())
    #: how far (characters) a title may stand from the person it names, other titles and joining words aside
    role_gap: int = 6
    #: words a title and its name may have between them: OpenAI 的 CEO, Altman, the company's CEO
    title_fillers: frozenset[str] = frozenset("的 兼 和 及 与 the its his her their company's firm's and of a an as"
                                              .split())
    #: how far back (characters) a subject is looked for before the value's sentence
    subject_lookback: int = 400
    #: a quote grows from the value's clause to the clauses of its evidence up to this length
    max_quote_chars: int = 120
    #: a time is a heading over the lines below it when it fills this share of its line
    heading_time_share: float = 0.6
    #: a heading time applies to at most this many lines below it
    heading_reach_lines: int = 6
    #: how many subjects, and placements in all, a value may try before it is held back as contradicting
    subject_choices: int = 3
    placement_choices: int = 4
    #: subject types preferred, per property kind (a dismissal or a title is a person's)
    preferred_subject_types: dict[ValueKind, tuple[EntityType, ...]] = field(default_factory=lambda: {
        "datetime": ("person",), "role": ("person",)})
    #: the property a time takes when no lexicon word names one
    fallback_time_property: str = "happened"
    #: home zone when none is given, per language
    default_zones: dict[Language, str] = field(default_factory=lambda: {
        "zh-Hans": "Asia/Shanghai", "zh-Hant": "Asia/Shanghai", "en": "America/New_York"})
    weights: Weights = field(default_factory=Weights)
    #: candidates at or above this confidence count as "likely" in summaries and the benchmark
    likely_confidence: float = 0.5


DEFAULT_POLICY = ExtractPolicy()
