"""Read the demo curriculum from the data files in `demo/content/` (format: its README.md).

Returns the same plain structures the demo loaders have always taken (`course()` the COURSE
dict, `extra_questions()` the EXTRA_QUESTIONS list), so the pages and the StreamField JSON
built from them do not depend on whether the content came from Python or from these files.
A file the reader cannot use raises ContentError naming the file, the line and the field.
"""

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from demo.content_markdown import markdown_html

CONTENT_DIR = Path(__file__).resolve().parent / "content"
QUESTIONS_DIR = CONTENT_DIR / "questions"
ORDERED_NAME = re.compile(r"^\d+-")
HEADING = re.compile(r"^(#+)\s+(.*?)\s*$")
HEADING_LEVELS = {2: "h2", 3: "h3"}  # what cms.blocks.HeadingBlock offers
BLOCK_BREAK = "<!-- block -->"
CALLOUT_KINDS = ("tip", "safety", "contraindication")  # cms.blocks.CalloutBlock's choices
# Question data kept as written: YAML would read a bare 0.33333 or 0.4650 as a float.
QUOTED_DATA = ("fraction", "points")


class ContentError(ValueError):
    """A data file the reader cannot use: the message names the file, the line and the field."""


MARKDOWN = object()  # rich text: Markdown in the file, HTML in the data; other text stays plain
EXACT = object()  # a number in quotes, kept as written ("1.00"): YAML reads 1.00 as the float 1.0
TYPE_NAMES = {str: "text", bool: "true or false", dict: "fields (name: value)"}
# Drip release (optional): a module opens this many days after a learner enrols, or on a date
# written in quotes ('2027-03-12').
MODULE = {
    "title": str,
    "slug": str,
    "summary": str,
    "opens_after_days": (int, None),
    "opens_on": (str, None),
}
LESSON = {"title": str, "slug": str, "summary": str, "free_preview": (bool, False)}
COURSE = {
    "title": str,
    "slug": str,
    "summary": str,
    "description": MARKDOWN,
    "learning_objectives": [str],
    "audience": str,
    "prerequisites": str,
    "requires": ([str], []),  # slugs of courses a learner must complete first
    "ce_hours": EXACT,
    "topics": [str],
    "level": str,
    "price": EXACT,
    "currency": str,
    "instructor": str,
}
INSTRUCTOR = {"name": str, "credentials": str, "bio": str}
CITATION = {"citation": str, "url": (str, "")}
# Fenced block kinds in a lesson and the StreamField block each one becomes.
FENCED_BLOCKS = {
    "callout": ("callout", {"kind": str, "title": str, "text": MARKDOWN}),
    "key-points": ("key_points", {"title": str, "points": [str]}),
    "technique-steps": (
        "technique_steps",
        {"title": str, "steps": [{"title": str, "text": MARKDOWN}]},
    ),
    "references": ("references", [str]),
}
QUESTION = {
    "section": str,
    "idnumber": str,
    "name": str,
    "qtype": str,
    "stem": MARKDOWN,
    "general_feedback": MARKDOWN,
    "tags": [str],
    "data": dict,
}


def course(name: str, *, root: Path = CONTENT_DIR) -> dict:
    """The course in the folder `root/name`: course.yaml, then its modules and lessons."""
    folder = root / name
    path = folder / "course.yaml"
    data, lines = _yaml(_read(path), path)
    data = _check(data, COURSE, (), path, lines)
    instructors = _keyed(root / "instructors.yaml", INSTRUCTOR)
    data["instructor"] = _resolve(instructors, data["instructor"], path, lines, ("instructor",))
    cited = _keyed(root / "citations.yaml", CITATION)
    data["modules"] = []
    for module_dir in _ordered(folder, directories=True):
        module = _fields(module_dir / "module.yaml", MODULE)
        module["lessons"] = [_lesson(path, cited) for path in _ordered(module_dir)]
        _unique_slugs(module["lessons"], module_dir)
        data["modules"].append(module)
    _unique_slugs(data["modules"], folder)
    return data


def extra_questions(*, root: Path = CONTENT_DIR) -> list[dict]:
    """The questions GIFT cannot express (ordering, hotspot), from questions/extra.yaml."""
    path = root / "questions" / "extra.yaml"
    items, lines = _yaml(_read(path), path)
    if not isinstance(items, list):
        raise ContentError(f"{_name(path)}:1: expected a list of questions")
    questions = []
    for n, item in enumerate(items):
        question = _check(item, QUESTION, (n,), path, lines)
        _check_quoted(question["data"], (n, "data"), path, lines)
        questions.append(question)
    return questions


def _lesson(path: Path, cited: dict) -> dict:
    text = _read(path)
    match = re.match(r"---\n(.*?\n)---\n", text, re.DOTALL)
    if match is None:
        raise ContentError(f"{_name(path)}:1: a lesson starts with front matter between --- lines")
    front, lines = _yaml(match[1], path, first_line=2)
    lesson = _check(front, LESSON, (), path, lines)
    body_line = match[0].count("\n") + 1
    lesson["body"] = _body(text[match.end() :], path, body_line, cited)
    if not lesson["body"]:
        raise ContentError(f"{_name(path)}:{body_line}: the lesson has no body")
    return lesson


def _body(text: str, path: Path, first_line: int, cited: dict) -> list[tuple[str, object]]:
    """Markdown text runs, `##` headings and ```kind fenced YAML blocks, in order."""
    blocks: list[tuple[str, object]] = []
    pending: list[str] = []

    def flush() -> None:
        if any(line.strip() for line in pending):
            blocks.append(("paragraph", markdown_html("\n".join(pending))))
        pending.clear()

    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line, number = lines[i], first_line + i
        heading = HEADING.match(line)
        if line.startswith("```"):
            flush()
            end = next((j for j in range(i + 1, len(lines)) if lines[j].rstrip() == "```"), None)
            if end is None:
                raise ContentError(f"{_name(path)}:{number}: this ``` block is never closed")
            source = "\n".join(lines[i + 1 : end]) + "\n"
            blocks.append(_fenced(line[3:].strip(), source, path, number, cited))
            i = end
        elif heading:
            flush()
            level = HEADING_LEVELS.get(len(heading[1]))
            if level is None:
                raise ContentError(f"{_name(path)}:{number}: headings are ## or ###")
            blocks.append(("heading", {"text": heading[2], "level": level}))
        elif line.strip() == BLOCK_BREAK:
            flush()
        else:
            pending.append(line)
        i += 1
    flush()
    return blocks


def _fenced(kind: str, source: str, path: Path, line: int, cited: dict) -> tuple[str, object]:
    if kind not in FENCED_BLOCKS:
        known = ", ".join(FENCED_BLOCKS)
        raise ContentError(f"{_name(path)}:{line}: unknown block {kind!r} (one of: {known})")
    block_type, spec = FENCED_BLOCKS[kind]
    data, lines = _yaml(source, path, first_line=line + 1)
    value = _check(data, spec, (), path, lines, block=kind)
    if block_type == "references":
        items = [_resolve(cited, key, path, lines, (n,), kind) for n, key in enumerate(value)]
        value = {"items": items}
    elif block_type == "callout" and value["kind"] not in CALLOUT_KINDS:
        where = _where(path, lines, ("kind",), kind)
        raise ContentError(f"{where}: kind is one of {', '.join(CALLOUT_KINDS)}")
    return block_type, value


# YAML with line numbers, and checking it against the field specs above.
def _yaml(text: str, path: Path, *, first_line: int = 1) -> tuple[object, dict]:
    """The data, and {field path: line number} for pointing errors at the right line."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + (mark.line if mark else 0)
        problem = getattr(error, "problem", None) or str(error)
        raise ContentError(f"{_name(path)}:{line}: not valid YAML: {problem}") from None
    lines: dict[tuple, int] = {}

    def walk(node, where: tuple) -> None:
        lines.setdefault(where, first_line + node.start_mark.line)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                lines[(*where, key.value)] = first_line + key.start_mark.line
                walk(value, (*where, key.value))
        elif isinstance(node, yaml.SequenceNode):
            for n, value in enumerate(node.value):
                walk(value, (*where, n))

    if node is not None:
        walk(node, ())
    return data, lines


def _check(value, spec, where: tuple, path: Path, lines: dict, block: str = ""):
    """`value` checked against `spec` (a type, [item spec] or {field: spec}), Markdown as HTML."""

    def fail(message: str, at: tuple = where):
        raise ContentError(f"{_where(path, lines, at, block)}: {message}")

    if isinstance(spec, dict):
        if not isinstance(value, dict):
            fail("expected fields (name: value)")
        unknown = [key for key in value if key not in spec]
        if unknown:
            fail(f"unknown field {unknown[0]!r}", (*where, unknown[0]))
        checked = {}
        for key, field_spec in spec.items():
            if isinstance(field_spec, tuple):  # (type, default): an optional field
                field_spec, default = field_spec
                if key not in value:
                    checked[key] = default
                    continue
            if key not in value:
                fail(f"missing field {key!r}")
            checked[key] = _check(value[key], field_spec, (*where, key), path, lines, block)
        return checked
    if isinstance(spec, list):
        if not isinstance(value, list) or not value:
            fail("expected a list (lines starting with '- ')")
        item_spec = spec[0]
        return [_check(v, item_spec, (*where, n), path, lines, block) for n, v in enumerate(value)]
    if spec is EXACT:
        if not isinstance(value, str):
            fail(f'write the number in quotes, e.g. "{value}"')
        try:
            Decimal(value)
        except InvalidOperation:
            fail(f"{value!r} is not a number")
        return value
    if spec is MARKDOWN:
        if not isinstance(value, str) or not value.strip():
            fail("expected text")
        return markdown_html(value)
    if not isinstance(value, spec) or (spec is str and not value.strip()):
        fail(f"expected {TYPE_NAMES.get(spec, spec.__name__)}, not {value!r}")
    return value


def _check_quoted(data, where: tuple, path: Path, lines: dict, quoted: bool = False) -> None:
    """Grades and hotspot coordinates stay strings as written ("0.33333", "0.4650")."""
    if isinstance(data, (dict, list)):
        items = data.items() if isinstance(data, dict) else enumerate(data)
        for key, value in items:
            inside = quoted or key in QUOTED_DATA
            _check_quoted(value, (*where, key), path, lines, inside)
    elif quoted and not isinstance(data, str):
        raise ContentError(f"{_where(path, lines, where)}: write it in quotes, e.g. '{data}'")


def _keyed(path: Path, spec: dict) -> dict[str, dict]:
    data, lines = _yaml(_read(path), path)
    if not isinstance(data, dict):
        raise ContentError(f"{_name(path)}:1: expected entries keyed by name")
    return {key: _check(value, spec, (key,), path, lines) for key, value in data.items()}


def _resolve(known: dict, key, path: Path, lines: dict | None = None, where=(), block=""):
    if key not in known:
        place = _where(path, lines or {}, where, block)
        raise ContentError(f"{place}: unknown name {key!r} (known: {', '.join(known)})")
    return known[key]


def _fields(path: Path, spec: dict) -> dict:
    data, lines = _yaml(_read(path), path)
    return _check(data, spec, (), path, lines)


def _read(path: Path) -> str:
    if not path.is_file():
        raise ContentError(f"{_name(path)}: missing file")
    return path.read_text(encoding="utf-8-sig")  # -sig: editors on Windows may add a BOM


def _unique_slugs(pages: list[dict], folder: Path) -> None:
    """Sibling pages need distinct slugs: Wagtail would refuse the second one halfway through."""
    seen = set()
    for page in pages:
        if page["slug"] in seen:
            raise ContentError(f"{_name(folder)}: two pages here have the slug {page['slug']!r}")
        seen.add(page["slug"])


def _ordered(folder: Path, *, directories: bool = False) -> list[Path]:
    """A folder's modules (or a module's lessons), in the order of their numeric name prefix."""
    if not folder.is_dir():
        raise ContentError(f"{_name(folder)}: missing folder")
    found = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.name in {"course.yaml", "module.yaml"}:
            continue
        wanted = entry.is_dir() if directories else entry.suffix == ".md"
        if not wanted or not ORDERED_NAME.match(entry.name):
            kind = "folder (01-name/)" if directories else "lesson (01-name.md)"
            raise ContentError(f"{_name(entry)}: unexpected here; expected a numbered {kind}")
        found.append(entry)
    return sorted(found, key=lambda entry: (int(entry.name.split("-")[0]), entry.name))


def _where(path: Path, lines: dict, at: tuple, block: str = "") -> str:
    known = next((at[:n] for n in range(len(at), -1, -1) if at[:n] in lines), ())
    # Positions count from 1 for authors: "steps, item 4, title".
    parts = [f"item {part + 1}" if isinstance(part, int) else part for part in at]
    field = ", ".join([f"```{block}"] * bool(block) + parts)
    return f"{_name(path)}:{lines.get(known, 1)}" + (f": {field}" if field else "")


def _name(path: Path) -> str:
    try:
        return str(path.relative_to(CONTENT_DIR.parent.parent))
    except ValueError:
        return str(path)
