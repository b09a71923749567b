"""Demo course data: NMT in 30 Minutes (free introductory course).

Sample educational content for the NMT Academy demo, not clinical advice. Pure data, mapped
by the demo loader into Wagtail StreamField blocks.
"""

from demo.courses.shared import (
    CHAITOW_DELANY,
    CHAITOW_MODERN,
    DEMO_INSTRUCTOR,
    HOWARD_EVANS,
    MUSCULOSKELETAL_KEY,
    MYOPAIN_HISTORY,
    QUINTNER_2015,
    TRAVELL_SIMONS,
)

COURSE = {
    "title": "NMT in 30 Minutes",
    "slug": "nmt-in-30-minutes",
    "summary": (
        "A free, quick orientation to neuromuscular therapy: what it is, where it came from, how "
        "trigger points and assessment shape it, and the safety basics."
    ),
    "description": (
        "<p>New to neuromuscular therapy (NMT)? This short, free course gives you the essentials "
        "in four lessons: what NMT is and what it aims to do, how its European and American "
        "versions developed, why trigger points and careful assessment sit at its centre, and "
        "which techniques and safety checks it relies on.</p><p>It is a taster for the full course "
        "<i>Neuromuscular Therapy: Foundations and Clinical Practice</i>, which covers each topic "
        "in much greater depth.</p><p><b>Please note:</b> this is sample educational content "
        "written to demonstrate the NMT Academy platform. It is not clinical advice, it does not "
        "replace supervised hands-on training, and it does not qualify anyone to practise NMT.</p>"
    ),
    "learning_objectives": [
        "Define neuromuscular therapy and its focus on the relationship between nerves and muscles",
        "Name the key figures in the European and American development of NMT",
        "Describe the main difference between the European and American versions of NMT",
        "Explain what a trigger point is and how ischaemia may help sustain it",
        "List the main NMT techniques and the contraindications to check before using them",
    ],
    "audience": (
        "Massage therapists, bodywork students and anyone curious about what neuromuscular therapy "
        "involves."
    ),
    "prerequisites": "None. A basic familiarity with muscle anatomy is helpful but not required.",
    "ce_hours": "0.00",
    "topics": [
        "Introduction to NMT",
        "History of NMT",
        "Trigger points",
        "Safety",
    ],
    "level": "introductory",
    "price": "0.00",
    "currency": "usd",
    "instructor": DEMO_INSTRUCTOR,
    "modules": [
        {
            "title": "NMT at a Glance",
            "slug": "nmt-at-a-glance",
            "summary": (
                "What neuromuscular therapy is, what it aims to do and how its European and "
                "American versions came about."
            ),
            "lessons": [
                {
                    "title": "What Is Neuromuscular Therapy?",
                    "slug": "what-is-neuromuscular-therapy",
                    "summary": (
                        "A plain-language introduction to NMT, its central idea and what clients "
                        "can expect from it."
                    ),
                    "free_preview": True,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>Neuromuscular therapy, or NMT, is a specialised hands-on "
                                "therapy for pain and poor function in the muscles and joints. Its "
                                "distinguishing idea is that muscles and the nervous system work "
                                "as one system. Muscles tighten, relax and hold their resting tone "
                                "under the direction of nerves, and nerves can in turn be "
                                "irritated by tight or overworked muscle. NMT sets out to work on "
                                "that relationship rather than on muscle alone.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "The core idea",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Many everyday pain problems are linked to a handful of "
                                "factors: muscles that have become imbalanced, nerves that are "
                                "compressed or irritated, postural habits and repeated strain from "
                                "work or sport. NMT practitioners search for areas of muscular "
                                "tension and for trigger points, small sensitive spots within "
                                "muscle that can cause local or referred pain and limit movement. "
                                "Once these areas are found, they are treated with specific, "
                                "sustained pressure and supporting techniques to release them.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Causes, not only symptoms",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>What sets NMT apart from a general relaxation massage is its "
                                "effort to find out why pain is present. Practitioners look at "
                                "posture, watch how the client moves and feel how nerves and "
                                "muscles are behaving. From that picture they build a treatment "
                                "plan for the individual client instead of applying the same "
                                "routine to everyone. The aim is to ease pain now and to reduce "
                                "the factors that would bring it back later.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "What clients can expect",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Many clients notice some relief soon after a session. Over a "
                                "series of treatments, the goal is better muscle function, a wider "
                                "comfortable range of movement and an improved sense of "
                                "well-being. Sessions can include moments of firm but tolerable "
                                "pressure, and a good practitioner checks comfort throughout and "
                                "adjusts accordingly.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "title": "A skill that takes training",
                                "text": (
                                    "<p>NMT depends on detailed knowledge of anatomy, physiology "
                                    "and the ways nerves and muscles interact. This short course "
                                    "is an orientation, not a qualification, and clients should "
                                    "look for a properly trained, experienced practitioner.</p>"
                                ),
                            },
                        ),
                        (
                            "key_points",
                            {
                                "title": "Key points",
                                "points": [
                                    (
                                        "NMT is a manual therapy that works on the relationship "
                                        "between nerves and muscles."
                                    ),
                                    (
                                        "It seeks out and releases tight areas and trigger points "
                                        "that produce pain or limit movement."
                                    ),
                                    (
                                        "It looks for underlying causes by assessing posture, "
                                        "movement and nerve-muscle interaction."
                                    ),
                                    (
                                        "Clients may feel relief soon after a session and "
                                        "longer-term gains over a course of treatment."
                                    ),
                                ],
                            },
                        ),
                        (
                            "references",
                            {
                                "items": [
                                    MUSCULOSKELETAL_KEY,
                                    CHAITOW_DELANY,
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "A Short History of NMT",
                    "slug": "a-short-history-of-nmt",
                    "summary": (
                        "From Stanley Lief and Dewanchand Varma in Europe to Nimmo, St. John and "
                        "DeLany in the United States, and how the two versions differ."
                    ),
                    "free_preview": True,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>NMT has two family branches, one that grew in Europe and one "
                                "in the United States. Knowing a little about each helps you "
                                "understand why practitioners trained in different places may "
                                "approach a session in different ways, and it gives you a clear "
                                "answer when clients ask where the method came from.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "The European branch",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>The technique was developed in the 1930s by Stanley Lief, who "
                                "was born in Latvia in the early 1890s, qualified as a "
                                "chiropractor and naturopath in the United States and moved to "
                                "Europe in 1925. His teacher in soft-tissue work was Dewanchand "
                                "Varma, who practised Ayurvedic medicine in Paris and called his "
                                "method <i>pranotherapy</i>. Lief adapted that method and named "
                                "the result neuromuscular technique. Boris Chaitow, his cousin and "
                                "assistant in the clinic, helped him refine it, and it was "
                                "practised and taught at Champneys, the nature-cure resort Lief "
                                "ran at Tring in England. His son Peter Lief and the osteopath "
                                "Leon Chaitow, nephew of Boris, carried the work forward, and Leon "
                                "Chaitow's book <i>Modern Neuromuscular Techniques</i> helped "
                                "spread it.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "The American branch",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>In the United States, the chiropractor Raymond Nimmo, a 1931 "
                                "graduate of the Palmer School, developed receptor-tonus "
                                "technique. He found that the tender points he treated matched the "
                                "trigger points described by Janet Travell, whose work with David "
                                "Simons is set out in <i>The Trigger Point Manual</i>. Nimmo's "
                                "student Paul St. John went on to teach his own system, St. John "
                                "NMT. In the 1980s Judith DeLany studied under St. John and later "
                                "created the approach she named NMT American version. Leon Chaitow "
                                "and Judith DeLany eventually joined forces on the two-volume "
                                "<i>Clinical Application of Neuromuscular Techniques</i>.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "How the two versions differ",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Both versions deal with the same problems: muscular tension, "
                                "trigger points, reduced blood supply (ischaemia), postural "
                                "dysfunction and irritated or compressed nerves. Where they part "
                                "company is the order of work. The European practitioner follows a "
                                "fixed routine and deals with problems as they turn up, while the "
                                "American practitioner completes a detailed assessment first and "
                                "plans treatment from its results.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "title": "Mixing traditions",
                                "text": (
                                    "<p>Many practitioners today combine the two, using a "
                                    "systematic routine to survey the tissues and letting "
                                    "assessment findings decide where to spend the most time.</p>"
                                ),
                            },
                        ),
                        (
                            "key_points",
                            {
                                "title": "Key points",
                                "points": [
                                    (
                                        "Stanley Lief developed NMT in the 1930s, adapting "
                                        "Dewanchand Varma's pranotherapy."
                                    ),
                                    (
                                        "Boris Chaitow, Peter Lief and Leon Chaitow carried the "
                                        "European version forward."
                                    ),
                                    (
                                        "Nimmo, St. John and DeLany shaped the American version, "
                                        "which links to the trigger point work of Travell and "
                                        "Simons."
                                    ),
                                    (
                                        "European NMT works through a fixed routine, while "
                                        "American NMT plans treatment from an assessment done "
                                        "first."
                                    ),
                                ],
                            },
                        ),
                        (
                            "references",
                            {
                                "items": [
                                    MYOPAIN_HISTORY,
                                    HOWARD_EVANS,
                                    CHAITOW_DELANY,
                                ],
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "title": "NMT in the Treatment Room",
            "slug": "nmt-in-the-treatment-room",
            "summary": (
                "Trigger points, an assessment-first mindset, the main techniques and the safety "
                "basics every practitioner needs."
            ),
            "lessons": [
                {
                    "title": "Trigger Points and an Assessment-First Mindset",
                    "slug": "trigger-points-and-assessment-first",
                    "summary": (
                        "What trigger points are, how reduced blood flow may sustain them and why "
                        "NMT assesses before it treats."
                    ),
                    "free_preview": True,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>Two ideas carry much of the weight in everyday NMT practice: "
                                "trigger points, and the habit of assessing before treating. This "
                                "lesson introduces both in plain terms and shows how they fit "
                                "together when a practitioner plans a session.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Trigger points in brief",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>A trigger point is a small, hyperirritable spot inside a taut "
                                "band of muscle. It is tender when pressed, and it can send pain "
                                "to another area, a pattern known as referred pain. That is why a "
                                "person with a headache may find that the source lies in a "
                                "shoulder muscle. Trigger points are often linked with ischaemia, "
                                "a reduced local blood supply thought to arise when a muscle stays "
                                "contracted. NMT texts describe a loop in which less blood means "
                                "less oxygen and slower removal of waste, irritating nerve endings "
                                "and keeping tension and pain going. Treat that loop as a working "
                                "model, not settled fact: the physiology of trigger points is "
                                "still debated (Quintner, Bove and Cohen, 2015).</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Looking before touching",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>An assessment-first approach means gathering information "
                                "before deciding where to work. A practitioner "
                                "typically:</p><ul><li>asks about the problem, its history and "
                                "what makes it better or worse, and screens for warning signs that "
                                "need a doctor</li><li>observes standing posture from several "
                                "angles</li><li>watches how the client moves through everyday "
                                "actions</li><li>palpates the tissues to find tension, taut bands "
                                "and tender points</li></ul><p>The findings from these steps are "
                                "then compared. When they point in the same direction, the "
                                "practitioner can plan treatment with confidence; when they do "
                                "not, more investigation is needed.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Why this matters",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>The place that hurts is not always the place that needs the "
                                "most treatment. By connecting posture, movement and palpation "
                                "findings, an NMT practitioner can address the source of a problem "
                                "as well as its symptoms, and can check whether treatment is "
                                "making a difference by retesting the same movements "
                                "afterwards.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "safety",
                                "title": "Warning signs come first",
                                "text": (
                                    "<p>Some symptoms, such as unexplained weight loss, fever, "
                                    "numbness in the saddle area, changes in bladder or bowel "
                                    "control or progressive weakness, suggest a problem that needs "
                                    "medical attention. These clients should be referred before "
                                    "any manual therapy.</p>"
                                ),
                            },
                        ),
                        (
                            "key_points",
                            {
                                "title": "Key points",
                                "points": [
                                    (
                                        "A trigger point is a tender spot in a taut band of muscle "
                                        "that may refer pain elsewhere."
                                    ),
                                    (
                                        "Ischaemia, or reduced local blood supply, is thought to "
                                        "help sustain trigger points."
                                    ),
                                    (
                                        "Assessment combines history, posture, movement and "
                                        "palpation before treatment begins."
                                    ),
                                    (
                                        "Retesting movements after treatment shows whether the "
                                        "work is helping."
                                    ),
                                ],
                            },
                        ),
                        (
                            "references",
                            {
                                "items": [
                                    QUINTNER_2015,
                                    TRAVELL_SIMONS,
                                    CHAITOW_DELANY,
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Core Techniques and Staying Safe",
                    "slug": "core-techniques-and-safety",
                    "summary": (
                        "The main NMT techniques, the outline of a trigger point treatment and the "
                        "contraindications to check first."
                    ),
                    "free_preview": True,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>NMT uses a small family of hands-on techniques, chosen to suit "
                                "what the assessment reveals. This lesson outlines the main ones, "
                                "walks through the shape of a simple trigger point treatment and "
                                "sets out the safety principles that go with them.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "The main techniques",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>The best-known NMT technique is sustained, specific pressure "
                                "on trigger points, often called ischaemic compression. Pressure "
                                "is held on the point until the tissue softens or the tenderness "
                                "fades. Clients often report less tenderness afterwards; why is "
                                "not settled, and blood returning after release or endorphins "
                                "are proposed explanations rather than proven ones. Around this "
                                "core, "
                                "practitioners use deep tissue massage to work through the muscle "
                                "layers, myofascial release to free restricted connective tissue "
                                "and stretching to restore muscle length. Two related methods "
                                "frequently accompany it: muscle energy technique, in which the "
                                "client gently contracts a muscle against resistance before it is "
                                "lengthened, and positional release, also known as "
                                "strain/counterstrain, in which tender tissue is eased by holding "
                                "the body in a comfortable position.</p>"
                            ),
                        ),
                        (
                            "technique_steps",
                            {
                                "title": "The outline of a trigger point treatment",
                                "steps": [
                                    {
                                        "title": "Find the point",
                                        "text": (
                                            "<p>Locate the taut band and its most tender spot, and "
                                            "ask whether pressure reproduces the client's familiar "
                                            "pain.</p>"
                                        ),
                                    },
                                    {
                                        "title": "Apply steady pressure",
                                        "text": (
                                            "<p>Press gradually to a moderate, tolerable level "
                                            "while the client breathes slowly.</p>"
                                        ),
                                    },
                                    {
                                        "title": "Release and lengthen",
                                        "text": (
                                            "<p>Let go slowly, then stretch the muscle gently.</p>"
                                        ),
                                    },
                                    {
                                        "title": "Recheck",
                                        "text": (
                                            "<p>Test tenderness and movement again to see whether "
                                            "anything has changed.</p>"
                                        ),
                                    },
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "contraindication",
                                "title": "Do not treat",
                                "text": (
                                    "<p>Avoid NMT over areas with acute inflammation, infection, "
                                    "open wounds, recent fractures or suspected blood clots, and "
                                    "refer clients with fever or unexplained neurological symptoms "
                                    "for medical assessment.</p>"
                                ),
                            },
                        ),
                        (
                            "heading",
                            {
                                "text": "Where NMT is used",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Practitioners apply NMT to back and neck pain, sports "
                                "injuries, repetitive strain injuries, rehabilitation after "
                                "orthopaedic problems and, with careful adaptation, fibromyalgia. "
                                "Results vary from person to person, so an honest practitioner "
                                "sets realistic goals and reviews progress regularly.</p>"
                            ),
                        ),
                        (
                            "key_points",
                            {
                                "title": "Key points",
                                "points": [
                                    (
                                        "Sustained trigger point pressure, or ischaemic "
                                        "compression, is the signature NMT technique."
                                    ),
                                    (
                                        "Deep tissue work, myofascial release, stretching, MET and "
                                        "positional release support it."
                                    ),
                                    (
                                        "Contraindications and warning signs must be checked "
                                        "before any hands-on work."
                                    ),
                                    (
                                        "NMT is used for back and neck pain, sports and repetitive "
                                        "strain injuries, orthopaedic rehabilitation and "
                                        "fibromyalgia."
                                    ),
                                ],
                            },
                        ),
                        (
                            "references",
                            {
                                "items": [
                                    QUINTNER_2015,
                                    TRAVELL_SIMONS,
                                    CHAITOW_DELANY,
                                    CHAITOW_MODERN,
                                ],
                            },
                        ),
                    ],
                },
            ],
        },
    ],
}
