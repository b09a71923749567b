"""Demo questions GIFT cannot express: ordering and an image hotspot.

Sample educational content written from the curriculum fact sheet, not clinical advice. Each
entry is keyed to the module slug (or "final") whose quiz it belongs to. The hotspot's "image"
is filled in by the loader with the id of the generated diagram.
"""

from quizzes.demo.diagram import UPPER_TRAPEZIUS

EXTRA_QUESTIONS = [
    {
        "section": "origins-of-nmt",
        "idnumber": "nmt-m1-american-lineage",
        "name": "The American line of teachers",
        "qtype": "ordering",
        "stem": (
            "<p>Put these practitioners of the American line of NMT in order, from the "
            "earliest teacher to the latest student.</p>"
        ),
        "general_feedback": (
            "<p>Nimmo developed a receptor-tonus technique; St. John studied with him and "
            "DeLany trained with St. John in the 1980s.</p>"
        ),
        "tags": ["history"],
        "data": {"items": ["Raymond Nimmo", "Paul St. John", "Judith DeLany"]},
    },
    {
        "section": "assessment-skills",
        "idnumber": "nmt-m3-american-steps",
        "name": "Assessment-led treatment in order",
        "qtype": "ordering",
        "stem": "<p>Put the steps of assessment-led (American) NMT in the order they happen.</p>",
        "general_feedback": (
            "<p>The assessment comes first, the plan is built from its findings, and the "
            "treatment follows the plan.</p>"
        ),
        "tags": ["assessment"],
        "data": {
            "items": [
                "Carry out a thorough assessment",
                "Build a personalised treatment plan from the findings",
                "Treat the areas the findings point to",
            ]
        },
    },
    {
        "section": "core-nmt-techniques",
        "idnumber": "nmt-m4-trapezius-hotspot",
        "name": "Find the upper trapezius",
        "qtype": "hotspot",
        "stem": (
            "<p>The diagram shows a client's upper back from behind. Place the marker on the "
            "upper trapezius, the muscle between the neck and the point of the shoulder where "
            "therapists often look for trigger points.</p>"
        ),
        "general_feedback": (
            "<p>The upper fibres of the trapezius run from the base of the skull and the neck "
            "out to the shoulder.</p>"
        ),
        "tags": ["techniques", "anatomy"],
        "data": {
            "image": "",
            "regions": [
                {
                    "shape": "polygon",
                    "points": [list(point) for point in UPPER_TRAPEZIUS],
                    "fraction": "1",
                    "feedback": "Right: that is the upper trapezius.",
                }
            ],
        },
    },
    {
        "section": "final",
        "idnumber": "nmt-final-lief-life",
        "name": "Stanley Lief's life in order",
        "qtype": "ordering",
        "stem": "<p>Put these events of Stanley Lief's life in the order they happened.</p>",
        "general_feedback": (
            "<p>Born in Latvia in the early 1890s, Lief trained in the USA as a chiropractor "
            "and naturopath, moved to Europe in 1925 and developed NMT in the 1930s.</p>"
        ),
        "tags": ["history"],
        "data": {
            "items": [
                "Born in Latvia",
                "Trained in the USA as a chiropractor and naturopath",
                "Moved to Europe",
                "Developed NMT",
            ]
        },
    },
]
