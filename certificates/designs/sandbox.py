"""The sandbox a school's certificate design renders in.

A design is Django template text written by a school and rendered in our task worker, so it is
treated as untrusted code: only the tags and filters below exist in its engine (an allow-list,
never a block-list, so a new Django builtin stays out until someone allows it), nothing can
take an unbounded numeric argument, loops only walk the certificate's own lists, and every
render runs against a budget of loop iterations, output size and CPU time. A budget is checked
cooperatively at each loop iteration and filter call rather than by a signal or a subprocess:
signals only work in a process's main thread (not in an RQ or thread-pool worker, nor in
tests), and with the allow-list every step between two checks is bounded by the design's size.
"""

import functools
import re
import time
from dataclasses import dataclass, field

from django.template import (
    Context,
    Engine,
    Library,
    Template,
    TemplateSyntaxError,
    defaultfilters,
    defaulttags,
)
from django.template.base import Lexer, TokenType
from django.utils.safestring import mark_safe

MAX_SOURCE_BYTES = 50_000  # the HTML, and separately the CSS
MAX_OUTPUT_CHARS = 500_000  # beyond the snapshot's own values (signatures, logo, QR code)
MAX_RENDER_CPU_SECONDS = 2.0
MAX_LOOP_ITERATIONS = 5_000
MAX_NESTING = 12  # blocks inside blocks; the template parser recurses once per level
MAX_LOOP_NESTING = 3

ALLOWED_TAGS = frozenset(
    {"comment", "firstof", "for", "if", "now", "spaceless", "templatetag", "verbatim", "with"}
)
# The words that continue or close an allowed block: not tags of their own.
_INNER_WORDS = frozenset({"else", "elif", "empty"}) | {f"end{tag}" for tag in ALLOWED_TAGS}
_BLOCK_TAGS = frozenset({"comment", "for", "if", "spaceless", "verbatim", "with"})

ALLOWED_FILTERS = frozenset(
    {
        "capfirst",
        "cut",
        "date",
        "default",
        "default_if_none",
        "divisibleby",
        "escape",
        "filesizeformat",
        "first",
        "floatformat",
        "last",
        "length",
        "linebreaks",
        "linebreaksbr",
        "lower",
        "pluralize",
        "striptags",
        "time",
        "title",
        "truncatechars",
        "truncatewords",
        "upper",
        "wordcount",
        "yesno",
    }
)
# The largest number each filter with a numeric argument accepts. floatformat:200000000 would
# build a 200-million-digit string; these cover every real use.
NUMERIC_ARGUMENT_LIMITS = {"floatformat": 12, "truncatechars": 5_000, "truncatewords": 1_000}

SOURCE_TOO_BIG = "The design is %(size)s bytes; a design may be at most %(limit)s bytes."
CSS_TOO_BIG = "The CSS is %(size)s bytes; it may be at most %(limit)s bytes."
TAG_NOT_ALLOWED = (
    "Line %(line)s: the tag {%% %(name)s %%} is not allowed in certificate designs. "
    "Allowed tags: %(allowed)s."
)
FILTER_NOT_ALLOWED = (
    "Line %(line)s: the filter |%(name)s is not allowed in certificate designs. "
    "Allowed filters: %(allowed)s."
)
TOO_DEEP = "Line %(line)s: blocks are nested more than %(limit)s deep."
TOO_INTRICATE = "The design has an expression nested too deeply to read."
LOOPS_TOO_DEEP = "Line %(line)s: {%% for %%} loops are nested more than %(limit)s deep."
ARGUMENT_TOO_BIG = "The filter |%(name)s takes a number up to %(limit)s, not %(value)s."
LOOP_NOT_A_LIST = (
    "{%% for %%} can only loop over a list of the certificate's values (such as approvals or "
    "instructors), not over %(kind)s."
)
TOO_MANY_ITERATIONS = "The design's loops ran more than %(limit)s times."
OUTPUT_TOO_BIG = "The design produced more than %(limit)s characters."
TOO_SLOW = "The design took more than %(limit)s seconds to render."
RENDER_FAILED = "The design could not be rendered with a sample certificate: %(error)s"


class DesignError(TemplateSyntaxError):
    """A design refused: a tag or filter not allowed, too big, too slow, or broken."""


# --- The allowed library ----------------------------------------------------------------------


@dataclass
class Budget:
    """What one render may still spend; shared by every loop and filter of that render."""

    output_limit: int
    iterations: int = 0
    output: int = 0
    deadline: float = field(default_factory=lambda: time.thread_time() + MAX_RENDER_CPU_SECONDS)

    def check_time(self) -> None:
        # CPU time of this thread, not wall time: seven people share two cores here, and a
        # busy machine must not make a good design fail.
        if time.thread_time() > self.deadline:
            raise DesignError(TOO_SLOW % {"limit": MAX_RENDER_CPU_SECONDS})

    def spend(self, *, iterations: int = 0, output: int = 0) -> None:
        self.iterations += iterations
        self.output += output
        if self.iterations > MAX_LOOP_ITERATIONS:
            raise DesignError(TOO_MANY_ITERATIONS % {"limit": f"{MAX_LOOP_ITERATIONS:,}"})
        if self.output > self.output_limit:
            raise DesignError(OUTPUT_TOO_BIG % {"limit": f"{self.output_limit:,}"})
        self.check_time()


def _budget(context) -> Budget:
    budget = getattr(context, "design_budget", None)
    if budget is None:  # only render_design builds contexts for this engine
        raise DesignError("A design must be rendered through render_design().")
    return budget


class BoundedForNode(defaulttags.ForNode):
    """{% for %} over a list, charging each iteration and its output to the render's budget."""

    def render(self, context):
        budget = _budget(context)
        values = self.sequence.resolve(context, ignore_failures=True)
        if values is None:
            values = []
        if not isinstance(values, list | tuple):
            raise DesignError(LOOP_NOT_A_LIST % {"kind": type(values).__name__})
        if not values:
            return self.nodelist_empty.render(context)
        parentloop = context.get("forloop", {})
        pieces = []
        with context.push():
            loop = context["forloop"] = {"parentloop": parentloop}
            count = len(values)
            for i, item in enumerate(reversed(values) if self.is_reversed else values):
                budget.spend(iterations=1)
                loop.update(
                    counter0=i,
                    counter=i + 1,
                    revcounter=count - i,
                    revcounter0=count - i - 1,
                    first=i == 0,
                    last=i == count - 1,
                )
                if len(self.loopvars) > 1:
                    if not isinstance(item, list | tuple) or len(item) != len(self.loopvars):
                        raise DesignError(
                            f"Need {len(self.loopvars)} values to unpack in the for loop."
                        )
                    context.update(dict(zip(self.loopvars, item, strict=True)))
                else:
                    context[self.loopvars[0]] = item
                body = self.nodelist_loop.render(context)
                if len(self.loopvars) > 1:
                    context.pop()
                budget.spend(output=len(body))
                pieces.append(body)
        # Each piece was rendered with autoescape on, as Django's own ForNode returns it.
        return mark_safe("".join(pieces))


def bounded_for(parser, token):
    node = defaulttags.do_for(parser, token)
    return BoundedForNode(
        node.loopvars, node.sequence, node.is_reversed, node.nodelist_loop, node.nodelist_empty
    )


def _number_in(argument) -> int | None:
    match = re.match(r"\s*[-+]?(\d+)", str(argument))
    return int(match.group(1)) if match else None


def _bounded_filter(name: str, func):
    """The filter, refusing a numeric argument above its limit and an oversized result."""
    limit = NUMERIC_ARGUMENT_LIMITS.get(name)

    @functools.wraps(func)
    def bounded(value, *args, **kwargs):
        if limit is not None and args:
            number = _number_in(args[0])
            if number is not None and number > limit:
                raise DesignError(
                    ARGUMENT_TOO_BIG % {"name": name, "limit": limit, "value": args[0]}
                )
        result = func(value, *args, **kwargs)
        if isinstance(result, str) and len(result) > MAX_OUTPUT_CHARS:
            raise DesignError(OUTPUT_TOO_BIG % {"limit": f"{MAX_OUTPUT_CHARS:,}"})
        return result

    return bounded


register = Library()
register.tags.update({name: defaulttags.register.tags[name] for name in ALLOWED_TAGS})
register.tags["for"] = bounded_for
for _name in ALLOWED_FILTERS:
    _func = defaultfilters.register.filters[_name]
    register.filter(
        _name,
        _bounded_filter(_name, _func),
        is_safe=getattr(_func, "is_safe", False),
        needs_autoescape=getattr(_func, "needs_autoescape", False),
        expects_localtime=getattr(_func, "expects_localtime", False),
    )


class SandboxEngine(Engine):
    # Only this module's library: no loader tags (extends, include, block) and no {% load %}.
    default_builtins = ["certificates.designs.sandbox"]


@functools.cache
def sandbox_engine() -> Engine:
    # debug=True only so that errors carry the line they happened on.
    return SandboxEngine(
        dirs=[], app_dirs=False, loaders=[], libraries={}, autoescape=True, debug=True
    )


# --- Checking and rendering -------------------------------------------------------------------

_STRING_LITERAL = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'")
_FILTER_NAME = re.compile(r"\|\s*(\w+)")


def _filters_in(contents: str) -> list[str]:
    return _FILTER_NAME.findall(_STRING_LITERAL.sub('""', contents))


def _refuse(message: str, **params) -> DesignError:
    return DesignError(message % params)


def check_source(html: str) -> None:
    """Refuse a design that is too big, too deep or uses a tag or filter not allowed.

    Read from the tokens before parsing, so the message names the line, and so that a design
    nested ten thousand blocks deep never reaches the recursive parser.
    """
    size = len(html.encode("utf-8"))
    if size > MAX_SOURCE_BYTES:
        raise _refuse(SOURCE_TOO_BIG, size=f"{size:,}", limit=f"{MAX_SOURCE_BYTES:,}")
    open_blocks: list[str] = []
    in_comment = False
    for token in Lexer(html).tokenize():
        if token.token_type not in (TokenType.BLOCK, TokenType.VAR):
            continue
        name = (token.split_contents() or [""])[0] if token.token_type == TokenType.BLOCK else ""
        if in_comment:
            # The parser skips a comment's contents, so a tag commented out is harmless.
            in_comment = name != "endcomment"
            if not in_comment:
                open_blocks.pop()
            continue
        if token.token_type == TokenType.BLOCK:
            in_comment = name == "comment"
            if name in _BLOCK_TAGS:
                open_blocks.append(name)
                if len(open_blocks) > MAX_NESTING:
                    raise _refuse(TOO_DEEP, line=token.lineno, limit=MAX_NESTING)
                if name == "for" and open_blocks.count("for") > MAX_LOOP_NESTING:
                    raise _refuse(LOOPS_TOO_DEEP, line=token.lineno, limit=MAX_LOOP_NESTING)
            elif name.startswith("end") and name in _INNER_WORDS:
                if open_blocks and open_blocks[-1] == name[3:]:
                    open_blocks.pop()
            elif name not in ALLOWED_TAGS and name not in _INNER_WORDS:
                allowed = ", ".join(sorted(ALLOWED_TAGS))
                raise _refuse(TAG_NOT_ALLOWED, line=token.lineno, name=name, allowed=allowed)
        for name in _filters_in(token.contents):
            if name not in ALLOWED_FILTERS:
                allowed = ", ".join(sorted(ALLOWED_FILTERS))
                raise _refuse(FILTER_NOT_ALLOWED, line=token.lineno, name=name, allowed=allowed)


def _with_line(exc: Exception) -> str:
    line = (getattr(exc, "template_debug", None) or {}).get("line")
    if not line or f"line {line}" in str(exc).lower():
        return str(exc)
    return f"Line {line}: {exc}"


def compile_design(html: str) -> Template:
    """Check and parse a design; raises DesignError naming what is wrong and where."""
    check_source(html)
    try:
        return sandbox_engine().from_string(html)
    except DesignError:
        raise
    except TemplateSyntaxError as exc:
        raise DesignError(_with_line(exc)) from exc
    except RecursionError as exc:
        raise DesignError(TOO_INTRICATE) from exc


def render_design(html: str, context: dict, *, extra_output: int = 0) -> str:
    """Render a design within its budget; any failure becomes a DesignError.

    `extra_output` widens the output cap by the size of the values the design may print
    (a logo and signatures as data URIs), so a school's own images never count against it.
    """
    template = compile_design(html)
    budget = Budget(output_limit=MAX_OUTPUT_CHARS + extra_output)
    ctx = Context(context, autoescape=True)
    ctx.design_budget = budget
    try:
        output = template.render(ctx)
    except Exception as exc:  # a school's design may fail in any way: say how
        raise DesignError(_with_line(exc)) from exc
    budget.spend(output=len(output))
    return output
