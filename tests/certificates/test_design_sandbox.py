"""Certificate designs are untrusted code: every known way to tie up a worker with one is
refused when the design is saved, with a message naming the tag or filter and its line, and a
design that parses but fails when rendered is refused too."""

import time

import pytest
from django.core.exceptions import ValidationError

from certificates.designs import sandbox
from certificates.designs.services import certificate_design_check
from certificates.models import CertificateTemplate
from certificates.rendering import DESIGNS_DIR
from tests.certificates.issue_helpers import provider_school

pytestmark = pytest.mark.django_db

LOOP = "{%% for a in approvals %%}%s{%% endfor %%}"
BIG_TEXT = "<p>" + "x" * 45_000 + "</p>"

# (name, design html, what the refusal must say)
ATTACKS = [
    ("for over rjust:3000", '{% for c in "a"|rjust:3000 %}x{% endfor %}', "|rjust"),
    (
        "rjust of 200,000,000",
        "<p>\n{{ learner.name|rjust:200000000 }}</p>",
        "Line 2: the filter |rjust",
    ),
    ("ljust", "{{ learner.name|ljust:200000000 }}", "|ljust"),
    ("center", "{{ learner.name|center:200000000 }}", "|center"),
    ("unbounded lorem", "<p>\n\n{% lorem 200000000 w random %}</p>", "Line 3: the tag {% lorem %}"),
    ("querystring (crashes when rendered)", "{% querystring %}", "{% querystring %}"),
    ("url", "{% url 'home' %}", "{% url %}"),
    ("widthratio huge", "{% widthratio 200000000 1 200000000 %}", "{% widthratio %}"),
    ("widthratio in a loop", LOOP % "{% widthratio 1 1 999999999 %}", "{% widthratio %}"),
    ("add doubling", "{{ learner.name|add:learner.name }}", "|add"),
    (
        "add in nested with",
        "{% with a=learner.name|add:learner.name %}{% with b=a|add:a %}{{ b }}"
        "{% endwith %}{% endwith %}",
        "|add",
    ),
    ("stringformat width", '{{ number|stringformat:"0200000000d" }}', "|stringformat"),
    ("join amplification", "{{ approvals|join:verify_url }}", "|join"),
    ("make_list", "{% for c in learner.name|make_list %}{% endfor %}", "|make_list"),
    (
        "floatformat precision",
        "{{ course.ce_hours|floatformat:200000000 }}",
        "Line 1: The filter |floatformat takes",
    ),
    ("truncatechars huge", "{{ learner.name|truncatechars:999999999 }}", "|truncatechars takes"),
    ("cycle abuse", LOOP % "{% cycle 'a' 'b' 'c' as x %}{{ x }}", "{% cycle %}"),
    ("resetcycle", "{% resetcycle %}", "{% resetcycle %}"),
    ("ifchanged", LOOP % "{% ifchanged %}x{% endifchanged %}", "{% ifchanged %}"),
    ("regroup", "{% regroup approvals by body as g %}", "{% regroup %}"),
    ("filter tag", "{% filter rjust:99999 %}x{% endfilter %}", "{% filter %}"),
    ("load static", "{% load static %}", "{% load %}"),
    ("load i18n", "{% load i18n %}", "{% load %}"),
    ("load wagtail", "{% load wagtailcore_tags %}", "{% load %}"),
    ("load humanize from", "{% load intcomma from humanize %}", "{% load %}"),
    ("include a file", '{% include "base.html" %}', "{% include %}"),
    ("include settings", '{% include "/etc/passwd" %}', "{% include %}"),
    ("extends", '{% extends "base.html" %}', "{% extends %}"),
    ("block", "{% block x %}{% endblock %}", "{% block %}"),
    ("debug", "{% debug %}", "{% debug %}"),
    ("ssi", '{% ssi "/etc/passwd" %}', "{% ssi %}"),
    ("csrf_token", "{% csrf_token %}", "{% csrf_token %}"),
    ("autoescape off", "{% autoescape off %}{{ learner.name }}{% endautoescape %}", "autoescape"),
    ("safe", "{{ learner.name|safe }}", "|safe"),
    ("safeseq", "{{ approvals|safeseq }}", "|safeseq"),
    ("pprint", "{{ provider|pprint }}", "|pprint"),
    ("dictsort", "{{ approvals|dictsort:'body' }}", "|dictsort"),
    ("urlize", "{{ verify_url|urlize }}", "|urlize"),
    ("unordered_list", "{{ approvals|unordered_list }}", "|unordered_list"),
    ("json_script", "{{ provider|json_script:'x' }}", "|json_script"),
    (
        "filter hidden after a string",
        '{% if "a|b" == learner.name|rjust:9 %}{% endif %}',
        "|rjust",
    ),
    (
        "four nested loops over context lists",
        LOOP % (LOOP % (LOOP % (LOOP % "x"))),
        "loops are nested more than 3 deep",
    ),
    (
        "three nested loops multiplying a big body",
        LOOP % (LOOP % (LOOP % BIG_TEXT)),
        "produced more than",
    ),
    (
        "now with a long format in nested loops",
        LOOP % (LOOP % ('{% now "' + "r" * 20_000 + '" %}')),
        "produced more than",
    ),
    ("for over a string", "{% for c in learner.name %}{{ c }}{% endfor %}", "not over str"),
    ("for over a number", "{% for c in 200000000 %}{{ c }}{% endfor %}", "not over int"),
    ("for over a dict", "{% for k in provider %}{{ k }}{% endfor %}", "not over dict"),
    (
        "unpacking that fails when rendered",
        "{% for a, b in approvals %}{{ a }}{% endfor %}",
        "Line 1: Need 2 values to unpack",
    ),
    ("deeply nested ifs", "{% if 1 %}" * 2_000 + "{% endif %}" * 2_000, "nested more than 12"),
    ("expression nested deep", "{% if " + "not " * 4_000 + "1 %}{% endif %}", "too deeply"),
    ("deeply nested withs", "{% with a=1 %}" * 40 + "{% endwith %}" * 40, "nested more than 12"),
    ("source too big", "<p>" + "x" * 60_000 + "</p>", "a design may be at most 50,000 bytes"),
    ("broken syntax", "<p>\n{% for x in %}", "Line 2"),
    ("unclosed block", "{% if learner.name %}", "Unclosed tag on line 1: 'if'"),
]


@pytest.fixture
def school(db):
    return provider_school(signature=False)


def refusal(html: str, school, css: str = "") -> tuple[str, float]:
    started = time.process_time()
    with pytest.raises(ValidationError) as caught:
        certificate_design_check(html=html, css=css, page_size="letter landscape", school=school)
    return " ".join(caught.value.messages), time.process_time() - started


@pytest.mark.parametrize(
    ("html", "expected"), [a[1:] for a in ATTACKS], ids=[a[0] for a in ATTACKS]
)
def test_each_attack_is_refused_on_save_with_a_message(school, html, expected):
    message, cpu_seconds = refusal(html, school)
    assert expected in message, message
    assert message.startswith("The design has a template error")
    # Refused long before it could exhaust anything (the render budget is 2 s of CPU).
    assert cpu_seconds < 5


def test_a_too_big_or_escaping_stylesheet_is_refused(school):
    message, _ = refusal("<p>{{ learner.name }}</p>", school, css="p {}" + " " * 60_000)
    assert "The CSS is 60,004 bytes; it may be at most 50,000 bytes." in message
    message, _ = refusal("<p>{{ learner.name }}</p>", school, css="</style><script>")
    assert "may not contain" in message


def test_a_design_spilling_over_many_pages_is_refused(school):
    html = '<p style="page-break-after: always">{{ learner.name }}</p>' * 6
    message, _ = refusal(html, school)
    assert "its PDF could not be made: The certificate would be" in message
    assert "pages long; it may be at most 4." in message


def test_a_slow_design_runs_out_of_cpu_time(school, monkeypatch):
    monkeypatch.setattr(sandbox, "MAX_RENDER_CPU_SECONDS", 0.0)
    message, _ = refusal(LOOP % "<p>{{ a.body }}</p>", school)
    assert "took more than 0.0 seconds to render" in message


def test_loop_iterations_are_capped(school, monkeypatch):
    monkeypatch.setattr(sandbox, "MAX_LOOP_ITERATIONS", 20)
    message, _ = refusal(LOOP % (LOOP % "x"), school)  # 8 x 8 sample approvals
    assert "loops ran more than 20 times" in message


GOOD_DESIGNS = [
    '<p>{% now "Y" %} {% now "F j, Y" %}</p>',
    "{% for a in approvals %}{{ forloop.counter }}. {{ a.body|upper }}{% empty %}none{% endfor %}",
    "{% for a in approvals reversed %}{% for i in instructors %}{{ i.name }}{% endfor %}"
    "{% endfor %}",
    "{% with n=learner.name %}{{ n|title }} {{ n|lower|capfirst }}{% endwith %}",
    "{% if score_percent %}{{ score_percent|floatformat:1 }}%{% elif kind %}x"
    "{% else %}y{% endif %}",
    "{{ provider.address|default:'—'|linebreaksbr }} {{ course.title|truncatechars:80 }}",
    "{# a comment #}{% comment %}{% lorem %} is shown to no one{% endcomment %}<p>ok</p>",
    "{% firstof learner.name 'Learner' %} {% templatetag openblock %} "
    "{% verbatim %}{{ x }}{% endverbatim %}",
    "{% spaceless %}<p> {{ number }} </p>{% endspaceless %} "
    "{{ instructors|length }} hour{{ 2|pluralize }}",
]


@pytest.mark.parametrize("html", GOOD_DESIGNS)
def test_ordinary_designs_are_accepted(school, html):
    certificate_design_check(
        html=html, css="p { color: red }", page_size="A4 portrait", school=school
    )


def test_the_built_in_design_passes_its_own_checks(school):
    html = (DESIGNS_DIR / "default.html").read_text(encoding="utf-8")
    css = (DESIGNS_DIR / "default.css").read_text(encoding="utf-8")
    certificate_design_check(html=html, css=css, page_size="letter landscape", school=school)


def test_a_design_cannot_change_the_values_it_prints(school):
    from certificates.rendering import Design, render_certificate_html
    from certificates.snapshot import sample_snapshot

    snapshot = sample_snapshot(school=school)
    before = len(snapshot["approvals"])
    design = Design(name="x", html="{{ approvals.pop }}{{ approvals.clear }}", css="", page_size="")
    render_certificate_html(design=design, snapshot=snapshot)
    assert len(snapshot["approvals"]) == before


def test_the_service_refuses_what_the_admin_refuses(school):
    from certificates.designs.services import certificate_design_save

    design = CertificateTemplate(school=school, name="Lorem", html="{% lorem 99999999 w %}")
    with pytest.raises(ValidationError, match="lorem"):
        certificate_design_save(design=design)
    assert not CertificateTemplate.objects.exists()
    design.html = "<p>{{ learner.name }}</p>"
    assert certificate_design_save(design=design).pk
