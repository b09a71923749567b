"""Stored-XSS payloads, and question data of every type with a payload in every text field.

Each payload sets `window.__xss` (or opens a dialog) if a browser ever runs it, so the
browser test can tell; the unit tests check what is stored.
"""

import re

from cms.sanitize import plain_text

PAYLOADS = [
    "<script>window.__xss=1</script>",
    "<ScRiPt>window.__xss=1</sCrIpT>",
    '<img src=x onerror="window.__xss=1">',
    "<IMG SRC=x OnErRoR=window.__xss=1>",
    '<a href="javascript:window.__xss=1">link</a>',
    '<a href="JaVaScRiPt:window.__xss=1">link</a>',
    '<a href="&#106;&#97;vascript:window.__xss=1">entity</a>',
    '<a href="jav&#x09;ascript:window.__xss=1">tab</a>',
    '<svg onload="window.__xss=1"></svg>',
    "<svg><script>window.__xss=1</script></svg>",
    '<iframe src="javascript:parent.__xss=1"></iframe>',
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    '"><script>window.__xss=1</script>',
    "'><img src=x onerror=window.__xss=1>",
    "</textarea><script>window.__xss=1</script>",
    "</title><script>window.__xss=1</script>",
    '<a href="data:text/html,<script>alert(1)</script>">data</a>',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    "&lt;script&gt;window.__xss=1&lt;/script&gt;",
    '<div style="width:expression(window.__xss=1);background:url(javascript:window.__xss=1)">'
    "styled</div>",
    "<style>*{background:url('javascript:window.__xss=1')}</style>",
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1">',
    '<math href="javascript:window.__xss=1"><mi>x</mi></math>',
    '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
    "<!--><script>window.__xss=1</script>-->",
    '<details open ontoggle="window.__xss=1">d</details>',
    "<input autofocus onfocus=window.__xss=1>",
    '<body onload="window.__xss=1">',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
    '<form action="javascript:window.__xss=1"><button>go</button></form>',
    "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
    "<img src=x onerror=window.__xss=1",  # never closed
]

# Markup a learner's browser could run: any tag that is not on the sanitiser's list, any
# event handler, any script-bearing URL.
_DANGEROUS_TAG = re.compile(
    r"<\s*/?\s*(script|img|svg|iframe|object|embed|math|style|noscript|details|input|body|"
    r"meta|form|button|base|link|textarea|title)\b",
    re.IGNORECASE,
)
_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
_BAD_URL = re.compile(r"(href|src|action|data)\s*=\s*[\"']?\s*(javascript|data|vbscript):", re.I)


def html_is_clean(value: str) -> bool:
    return not (_DANGEROUS_TAG.search(value) or _HANDLER.search(value) or _BAD_URL.search(value))


def text_is_clean(value: str) -> bool:
    """A text field holds no markup at all: cleaning it again changes nothing."""
    return "<script" not in value.lower() and plain_text(value).strip() == value


def _in(payload: str, word: str = "Word") -> str:
    return f"{word} {payload}"


def data_with(qtype: str, payload: str) -> dict:
    """Valid data of `qtype` with `payload` in each of its text fields."""
    p = payload
    if qtype in ("single_choice", "multiple_response"):
        return {
            "choices": [
                {"text": _in(p, "Right"), "fraction": "1" if qtype == "single_choice" else "0.5",
                 "feedback": _in(p, "Yes")},
                {"text": _in(p, "Also"), "fraction": "0" if qtype == "single_choice" else "0.5",
                 "feedback": _in(p, "Hm")},
                {"text": _in(p, "Wrong"), "fraction": "0", "feedback": _in(p, "No")},
            ]
        }  # fmt: skip
    if qtype == "true_false":
        return {"correct": True, "feedback_true": _in(p, "Yes"), "feedback_false": _in(p, "No")}
    if qtype == "short_answer":
        return {
            "answers": [{"text": _in(p, "scalenes"), "fraction": "1", "feedback": _in(p)}],
            "case_sensitive": False,
        }
    if qtype == "numerical":
        return {
            "answers": [{"value": "30", "tolerance": "5", "fraction": "1", "feedback": _in(p)}],
            "units": [{"unit": _in(p, "s"), "multiplier": "1"}],
        }
    if qtype == "matching":
        return {
            "pairs": [
                {"question": _in(p, "Effleurage"), "answer": _in(p, "Gliding")},
                {"question": _in(p, "Tapotement"), "answer": _in(p, "Percussion")},
                {"question": "", "answer": _in(p, "Distractor")},
            ]
        }
    if qtype == "ordering":
        return {"items": [_in(p, "Assess"), _in(p, "Treat"), _in(p, "Reassess")]}
    if qtype == "hotspot":
        return {
            "image": "",
            "regions": [
                {"shape": "circle", "cx": "0.3", "cy": "0.4", "r": "0.1", "fraction": "1",
                 "feedback": _in(p)}
            ],
        }  # fmt: skip
    return {}


# The text fields each type's data has (feedback ones are HTML), for the report's count.
DATA_FIELDS = {
    "single_choice": ["choices[].text", "choices[].feedback"],
    "multiple_response": ["choices[].text", "choices[].feedback"],
    "true_false": ["feedback_true", "feedback_false"],
    "short_answer": ["answers[].text", "answers[].feedback"],
    "numerical": ["answers[].feedback", "units[].unit"],
    "matching": ["pairs[].question", "pairs[].answer"],
    "ordering": ["items[]"],
    "hotspot": ["regions[].feedback"],
    "essay": [],
    "description": [],
}
QTYPES = list(DATA_FIELDS)


def data_is_clean(data, *, is_html: bool = False) -> bool:
    """Every feedback string is clean HTML and every other string clean text."""
    if isinstance(data, dict):
        return all(
            data_is_clean(value, is_html=key in ("feedback", "feedback_true", "feedback_false"))
            for key, value in data.items()
        )
    if isinstance(data, list):
        return all(data_is_clean(item, is_html=is_html) for item in data)
    if isinstance(data, str):
        return html_is_clean(data) if is_html else text_is_clean(data)
    return True
