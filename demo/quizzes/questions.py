"""Demo questions GIFT cannot express: ordering and an image hotspot.

Sample educational content written from the curriculum fact sheet, not clinical advice. Each
entry is keyed to the module slug (or "final") whose quiz it belongs to. The hotspot's "image"
is filled in by the loader with the id of the generated diagram.
"""

from demo.quizzes.diagram import UPPER_TRAPEZIUS

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
        "idnumber": "nmt-final-red-flags",
        "name": "Red flags in a client history",
        "qtype": "multiple_response",
        "stem": (
            "<p>Which of these, heard while taking a client's history, are red flags that call "
            "for medical referral rather than NMT? Select all that apply.</p>"
        ),
        "general_feedback": (
            "<p>Saddle numbness with new bladder or bowel changes, constant night pain that "
            "neither rest nor position changes, and a swollen, warm, painful calf can all point "
            "to a serious condition. Stiffness that eases with movement is an everyday finding."
            "</p>"
        ),
        "tags": ["assessment", "safety"],
        "data": {
            "choices": [
                {
                    "text": "Numbness in the saddle area with new bladder changes",
                    "fraction": "0.33333",
                    "feedback": "",
                },
                {
                    "text": "Constant pain at night that does not change with rest or position",
                    "fraction": "0.33333",
                    "feedback": "",
                },
                {
                    "text": "A calf that is swollen, warm and painful",
                    "fraction": "0.33334",
                    "feedback": "",
                },
                {
                    "text": "Stiffness after a day at a desk that eases with movement",
                    "fraction": "-1",
                    "feedback": "This is common and not a warning sign.",
                },
            ]
        },
    },
    {
        "section": "final",
        "idnumber": "nmt-final-contraindication-kinds",
        "name": "Treat, adapt or avoid",
        "qtype": "matching",
        "stem": "<p>Match each client with what the lesson on contraindications advises.</p>",
        "general_feedback": (
            "<p>A fever rules out treatment until it has resolved; a recent fracture excludes "
            "that area only; anticoagulant medicines call for lighter pressure.</p>"
        ),
        "tags": ["safety"],
        "data": {
            "pairs": [
                {
                    "question": "A client with a fever",
                    "answer": "Do not treat until it has been medically resolved",
                },
                {
                    "question": "A client with a recently fractured forearm",
                    "answer": "Treat the rest of the body and avoid that area",
                },
                {
                    "question": "A client taking anticoagulant medicine",
                    "answer": "Treat with lighter pressure",
                },
            ]
        },
    },
    {
        "section": "final",
        "idnumber": "nmt-final-soap-order",
        "name": "The parts of a SOAP note",
        "qtype": "ordering",
        "stem": "<p>Put the four parts of a SOAP note in the order they are written.</p>",
        "general_feedback": (
            "<p>Subjective (what the client reports), Objective (what you observe and measure), "
            "Assessment (how you read the findings and the response), Plan (what comes next).</p>"
        ),
        "tags": ["documentation"],
        "data": {
            "items": [
                "Subjective: what the client reports",
                "Objective: what you observe and measure",
                "Assessment: your reading of the findings and the client's response",
                "Plan: the next session, self-care and any referral",
            ]
        },
    },
    {
        "section": "final",
        "idnumber": "nmt-final-saddle-numbness",
        "name": "Saddle numbness during the history",
        "qtype": "single_choice",
        "stem": (
            "<p>While you take her history, a client mentions new numbness in the saddle area "
            "and difficulty controlling her bladder. What do you do?</p>"
        ),
        "general_feedback": (
            "<p>These signs may mean compression of the nerves at the base of the spine: do not "
            "treat, advise emergency care at once and record what you saw and said.</p>"
        ),
        "tags": ["safety"],
        "data": {
            "choices": [
                {
                    "text": "Do not treat; advise her to seek emergency care now and record it",
                    "fraction": "1",
                    "feedback": "Right.",
                },
                {
                    "text": "Treat gently today and review at the next session",
                    "fraction": "0",
                    "feedback": "These are signs for emergency referral.",
                },
                {
                    "text": "Work on the lower back to ease the pressure on the nerves",
                    "fraction": "0",
                    "feedback": "These are signs for emergency referral.",
                },
            ]
        },
    },
    {
        "section": "final",
        "idnumber": "nmt-final-plan-contents",
        "name": "What a treatment plan states",
        "qtype": "multiple_response",
        "stem": "<p>What does a goal-based treatment plan state? Select all that apply.</p>",
        "general_feedback": (
            "<p>A plan names the client's functional goals, the approach, how often and how many "
            "sessions, and when progress will be reviewed against the baseline.</p>"
        ),
        "tags": ["documentation"],
        "data": {
            "choices": [
                {"text": "The client's functional goals", "fraction": "0.25", "feedback": ""},
                {"text": "The approach you intend to use", "fraction": "0.25", "feedback": ""},
                {"text": "How often and for how many sessions", "fraction": "0.25", "feedback": ""},
                {"text": "When progress will be reviewed", "fraction": "0.25", "feedback": ""},
                {
                    "text": "A promise that the condition will be cured",
                    "fraction": "-1",
                    "feedback": "Avoid claims of cure.",
                },
            ]
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
