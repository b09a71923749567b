"""Demo course data: Neuromuscular Therapy: Foundations and Clinical Practice.

Sample educational content for the NMT Academy demo, not clinical advice. Pure data, mapped
by the demo loader into Wagtail StreamField blocks.
"""

from demo.courses.shared import (
    CHAITOW_DELANY,
    CHAITOW_MODERN,
    DEMO_INSTRUCTOR,
    FERNANDEZ_2006,
    HOWARD_EVANS,
    MUSCULOSKELETAL_KEY,
    MYOPAIN_HISTORY,
    QUINTNER_2015,
    TRAVELL_SIMONS,
    VARMA,
)

COURSE = {
    "title": "Neuromuscular Therapy: Foundations and Clinical Practice",
    "slug": "neuromuscular-therapy-foundations-and-clinical-practice",
    "summary": (
        "A structured home-study course on neuromuscular therapy: its European and American roots, "
        "the principles behind trigger point work, assessment, core techniques and safe clinical "
        "application."
    ),
    "description": (
        "<p>This course takes practising massage therapists through neuromuscular therapy (NMT), "
        "from its origins to everyday clinical use. You will follow the method from Stanley Lief "
        "and Dewanchand Varma through its European and American traditions, study the relationship "
        "between nerves and muscles, trigger points and ischaemia, and build a structured "
        "assessment based on history, posture, movement and palpation.</p><p>The technique module "
        "explains trigger point pressure (ischaemic compression), myofascial release and deep "
        "tissue work, stretching, muscle energy technique and positional release, each with "
        "step-by-step guidance and safety notes. The clinical module applies these skills to back "
        "and neck pain, sports and repetitive strain injuries, orthopaedic rehabilitation and "
        "fibromyalgia, and the final module covers contraindications, referral, documentation and "
        "treatment planning.</p><p><b>Please note:</b> this is sample educational content written "
        "to demonstrate the NMT Academy platform. It is not clinical advice, it does not replace "
        "supervised hands-on training, and completing it does not qualify anyone to practise NMT. "
        "Always work within the scope of practice set by your licensing authority.</p>"
    ),
    "learning_objectives": [
        (
            "Describe the origins of neuromuscular therapy and the main differences between its "
            "European and American versions"
        ),
        (
            "Explain how the nerve-muscle relationship, trigger points and ischaemia contribute to "
            "musculoskeletal pain"
        ),
        "Identify red flags in a client history that call for medical referral before NMT",
        (
            "Outline a structured assessment that combines client history, posture, movement "
            "patterns and palpation"
        ),
        (
            "Describe how to apply trigger point pressure, myofascial release, stretching, muscle "
            "energy technique and positional release, including their precautions"
        ),
        (
            "Select appropriate NMT adaptations for back pain, neck pain, sports and repetitive "
            "strain injuries, orthopaedic rehabilitation and fibromyalgia"
        ),
        (
            "Distinguish conditions that rule out NMT, exclude a local area or call for adapted "
            "treatment"
        ),
        "Write SOAP-format session notes and a goal-based treatment plan",
    ],
    "audience": (
        "Licensed massage therapists and bodywork practitioners who want a structured introduction "
        "to neuromuscular therapy, and massage therapy students in the later stages of their "
        "training."
    ),
    "prerequisites": (
        "A working knowledge of musculoskeletal anatomy and physiology and completion of, or "
        "current enrolment in, an entry-level massage therapy programme. Practise the hands-on "
        "techniques only under qualified supervision."
    ),
    "ce_hours": "1.00",
    "topics": [
        "History of NMT",
        "Trigger points",
        "Assessment",
        "Manual techniques",
        "Clinical practice",
        "Safety and referral",
    ],
    "level": "intermediate",
    "price": "149.00",
    "currency": "usd",
    "instructor": DEMO_INSTRUCTOR,
    "modules": [
        {
            "title": "Origins of Neuromuscular Therapy",
            "slug": "origins-of-nmt",
            "summary": (
                "Follow NMT from Stanley Lief and Dewanchand Varma through the European and "
                "American traditions, and learn how the two versions differ in practice."
            ),
            "lessons": [
                {
                    "title": "Stanley Lief, Dewanchand Varma and the Birth of NMT",
                    "slug": "stanley-lief-and-dewanchand-varma",
                    "summary": (
                        "Meet the founder of neuromuscular technique, the practitioner who "
                        "inspired him and the resort where the method was first practised and "
                        "taught."
                    ),
                    "free_preview": True,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>Every manual therapy carries the fingerprints of the people "
                                "who shaped it. Neuromuscular therapy, usually shortened to NMT, "
                                "is a specialised hands-on approach to painful and poorly "
                                "functioning muscles and joints that concentrates on how the "
                                "nervous system and the muscles influence each other. Knowing "
                                "where the method came from helps you understand why its two main "
                                "schools look different in the treatment room today, and it gives "
                                "you an accurate, confident way to explain your work to clients "
                                "and colleagues.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": (
                                    "Stanley Lief: chiropractor, naturopath and resort director"
                                ),
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Stanley Lief was born in Latvia in the early 1890s. He went to "
                                "the United States for his professional education and qualified "
                                "there in both chiropractic and naturopathy, two disciplines that "
                                "stress the body's capacity to recover once mechanical and "
                                "lifestyle obstacles are removed. In 1925 he moved to Europe, and "
                                "in England he ran Champneys, a nature-cure resort at Tring. "
                                "Champneys became the place where the neuromuscular approach was "
                                "both practised on guests and taught to practitioners.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>For someone trained in joint manipulation, close attention to "
                                "the soft tissues is a natural extension. Joints are moved and "
                                "held by muscles and wrapped in connective tissue, and tension in "
                                "those tissues can influence how a joint behaves and how long any "
                                "improvement lasts. A method that gave the soft tissues the same "
                                "careful, systematic attention as the spine filled an obvious gap, "
                                "and that is what neuromuscular technique came to provide.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "The influence of Dewanchand Varma",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>A key source for the method was Dr Dewanchand Varma, who "
                                "practised Ayurvedic medicine in Paris. Varma used a soft-tissue "
                                "approach he called <i>pranotherapy</i> and set out his ideas in a "
                                "book, <i>The Human Machine and Its Forces</i>, which appeared in "
                                "the 1930s. Lief learned from Varma, reshaped what he learned to "
                                "fit his own chiropractic and naturopathic framework, and gave the "
                                "result a new name: neuromuscular technique.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Lief developed the method during the 1930s and continued "
                                "refining it over the following years together with Boris Chaitow, "
                                "his cousin, who also worked as his assistant. Between them they "
                                "turned a set of hands-on ideas into a method that could be "
                                "repeated, taught and handed on to other practitioners.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "title": "Using history in the treatment room",
                                "text": (
                                    "<p>Clients often ask how NMT differs from an ordinary deep "
                                    "massage. A short, accurate answer that mentions its roots in "
                                    "chiropractic, naturopathy and Varma's soft-tissue work, and "
                                    "its focus on the link between nerves and muscles, builds "
                                    "trust without overclaiming.</p>"
                                ),
                            },
                        ),
                        (
                            "heading",
                            {
                                "text": "Why these origins still matter",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>The founders' backgrounds explain several features that "
                                "persist in NMT. From chiropractic comes an interest in spinal "
                                "mechanics and posture. From naturopathy comes the conviction that "
                                "treatment should remove obstacles to recovery rather than chase "
                                "symptoms. From Varma comes the emphasis on slow, detailed contact "
                                "with the soft tissues. When you study the European style of NMT "
                                "in the next lesson, you will recognise all three strands.</p>"
                            ),
                        ),
                        (
                            "key_points",
                            {
                                "title": "Key points",
                                "points": [
                                    (
                                        "NMT is a hands-on therapy for muscle and joint pain that "
                                        "concentrates on how the nervous system and muscles affect "
                                        "each other."
                                    ),
                                    (
                                        "Stanley Lief was born in Latvia in the early 1890s, "
                                        "qualified in chiropractic and naturopathy in the United "
                                        "States and settled in Europe from 1925."
                                    ),
                                    (
                                        "Lief drew on pranotherapy, the soft-tissue method of the "
                                        "Paris-based Ayurvedic physician Dewanchand Varma, and "
                                        "named his adaptation neuromuscular technique."
                                    ),
                                    (
                                        "Lief developed the method in the 1930s with Boris "
                                        "Chaitow, and it was practised and taught at Champneys in "
                                        "Tring."
                                    ),
                                ],
                            },
                        ),
                        (
                            "references",
                            {
                                "items": [
                                    HOWARD_EVANS,
                                    MYOPAIN_HISTORY,
                                    VARMA,
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "The European Tradition: Boris Chaitow, Peter Lief and Leon Chaitow",
                    "slug": "the-european-tradition",
                    "summary": (
                        "See how NMT was carried forward in Europe and how the European version "
                        "uses a set sequence in which assessment and treatment happen together."
                    ),
                    "free_preview": False,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>A method survives only if people keep practising it, teaching "
                                "it and writing about it. In Europe, NMT passed through a small "
                                "circle of practitioners connected by family ties and by their "
                                "work with Stanley Lief. This lesson follows that line of "
                                "succession and then describes the characteristic way European NMT "
                                "is delivered in the treatment room.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "The people who carried it forward",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Boris Chaitow, Lief's cousin and his assistant in the clinic, "
                                "worked alongside him to refine the technique in the years after "
                                "it was first developed. Peter Lief, Stanley Lief's son, continued "
                                "the work and helped keep the European approach in use. The third "
                                "central figure is Leon Chaitow, an osteopath and the nephew of "
                                "Boris Chaitow, whose writing brought NMT to a much wider "
                                "professional audience. His book <i>Modern Neuromuscular "
                                "Techniques</i> set out the method for practitioners and placed it "
                                "alongside other soft-tissue approaches.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Leon Chaitow later joined Judith DeLany, a leading figure in "
                                "the American tradition, to write the two-volume <i>Clinical "
                                "Application of Neuromuscular Techniques</i>. That partnership is "
                                "a useful reminder that the two schools are relatives rather than "
                                "rivals, and much modern NMT teaching draws on both.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "How European NMT works in practice",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>The defining feature of the European version is a set "
                                "sequence. The practitioner works through an established order of "
                                "strokes across a region, for example along the spine and its "
                                "surrounding soft tissues, and deals with whatever is found on the "
                                "way. Assessment and treatment happen almost at the same moment: "
                                "the contact that reveals a tight band or a tender spot is also "
                                "the contact that begins to treat it.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>The work typically relies on slow, deliberate thumb strokes. "
                                "The fingers rest on the body as a stable base while the thumb "
                                "travels through the tissue with controlled, variable pressure. "
                                "The practitioner reads the tissue continuously, giving more "
                                "attention where there is resistance or tenderness and easing off "
                                "where the tissues or the client's feedback call for it.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "title": "Working with a sequence",
                                "text": (
                                    "<p>A fixed sequence helps a newer practitioner: it makes sure "
                                    "no area is skipped and trains your hands to compare one "
                                    "region with another. Keep brief notes on what you find along "
                                    "the route so that later sessions can be more targeted.</p>"
                                ),
                            },
                        ),
                        (
                            "heading",
                            {
                                "text": "Strengths and limits of a set routine",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>A routine brings consistency, and consistency makes progress "
                                "easier to track from one session to the next. It also ensures "
                                "that areas the client did not mention are still examined, which "
                                "can uncover contributing problems the client was unaware of. The "
                                "trade-off is that a fixed order may spend time on tissues that "
                                "are not relevant to the complaint, and it depends heavily on the "
                                "practitioner's palpation skill to notice and respond to what "
                                "really matters.</p>"
                            ),
                        ),
                        (
                            "key_points",
                            {
                                "title": "Key points",
                                "points": [
                                    (
                                        "Boris Chaitow, Peter Lief and Leon Chaitow carried "
                                        "European NMT forward after Stanley Lief."
                                    ),
                                    (
                                        "Leon Chaitow, an osteopath and Boris Chaitow's nephew, "
                                        "wrote Modern Neuromuscular Techniques and later co-wrote "
                                        "a two-volume text with Judith DeLany."
                                    ),
                                    (
                                        "The European version works through a fixed order of "
                                        "strokes and deals with each problem as the hands come "
                                        "across it."
                                    ),
                                    (
                                        "In the European version, the same contact both detects "
                                        "dysfunction and begins to treat it."
                                    ),
                                ],
                            },
                        ),
                        (
                            "references",
                            {
                                "items": [
                                    CHAITOW_MODERN,
                                    CHAITOW_DELANY,
                                    MUSCULOSKELETAL_KEY,
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "The American Tradition and the Two Versions Compared",
                    "slug": "the-american-tradition-and-two-versions",
                    "summary": (
                        "Trace the American line from Raymond Nimmo and the trigger point work of "
                        "Travell and Simons to Paul St. John and Judith DeLany, then compare the "
                        "European and American versions."
                    ),
                    "free_preview": False,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>While NMT was taking shape in England, a parallel line of "
                                "soft-tissue work grew up in the United States. It began with a "
                                "chiropractor's interest in painful spots in muscle and developed, "
                                "through contact with medical work on trigger points, into a "
                                "structured method now taught as NMT American version. "
                                "Understanding this line explains why American NMT puts assessment "
                                "first.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Raymond Nimmo and receptor-tonus technique",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Raymond Nimmo graduated from the Palmer School of chiropractic "
                                "in 1931. He developed a method he called receptor-tonus "
                                "technique, which, as the name suggests, centred on sensitive "
                                "spots in muscle and their relationship to muscle tone. Over time "
                                "Nimmo found that the tender points he was treating corresponded "
                                "closely with the trigger points described by Janet Travell.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Travell and Simons",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Janet Travell and David Simons documented myofascial trigger "
                                "points in depth in <i>Myofascial Pain and Dysfunction: The "
                                "Trigger Point Manual</i>. Their work described where trigger "
                                "points tend to develop in individual muscles and the patterns of "
                                "referred pain they produce, giving clinicians a shared map. For "
                                "manual therapists, the match between Nimmo's clinical findings "
                                "and Travell's descriptions mattered: practitioners working from "
                                "different starting points had identified the same phenomenon.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Paul St. John and Judith DeLany",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Paul St. John was a student of Nimmo and later taught a system "
                                "of his own, which became known as St. John NMT. During the 1980s "
                                "Judith DeLany studied under St. John, and she went on to create "
                                "the approach she named NMT American version. DeLany then "
                                "co-wrote, with Leon Chaitow, the two-volume <i>Clinical "
                                "Application of Neuromuscular Techniques</i>, which brings the "
                                "European and American threads together in one reference.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "The two versions compared",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>The clearest difference between the schools is the order of "
                                "work. In the European version the practitioner works through a "
                                "fixed routine and deals with problems as they turn up. In the "
                                "American version the practitioner first completes a thorough "
                                "assessment and then builds treatment around what it revealed. "
                                "Both target the same set of problems: muscular tension, trigger "
                                "points, reduced blood supply (ischaemia), postural dysfunction "
                                "and irritation or compression of nerves. In practice, many "
                                "therapists blend the two, using a structured routine to survey a "
                                "region and their assessment findings to decide where to spend the "
                                "most time.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "title": "Describing your approach",
                                "text": (
                                    "<p>When you tell clients or referring clinicians that you "
                                    "practise NMT, be ready to say which tradition shaped your "
                                    "training. It sets clear expectations about what a session "
                                    "with you will involve.</p>"
                                ),
                            },
                        ),
                        (
                            "key_points",
                            {
                                "title": "Key points",
                                "points": [
                                    (
                                        "Raymond Nimmo, a 1931 Palmer graduate, developed "
                                        "receptor-tonus technique and found that his tender points "
                                        "matched Travell's trigger points."
                                    ),
                                    (
                                        "Travell and Simons's Trigger Point Manual mapped trigger "
                                        "points and their referred pain patterns."
                                    ),
                                    (
                                        "Paul St. John, a student of Nimmo, taught St. John NMT; "
                                        "Judith DeLany, who studied under St. John during the "
                                        "1980s, created NMT American version."
                                    ),
                                    (
                                        "The European version follows a fixed routine, whereas the "
                                        "American version plans treatment from a thorough "
                                        "assessment done beforehand."
                                    ),
                                ],
                            },
                        ),
                        (
                            "references",
                            {
                                "items": [
                                    TRAVELL_SIMONS,
                                    CHAITOW_DELANY,
                                    MYOPAIN_HISTORY,
                                ],
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Core Principles of NMT",
            "slug": "principles-of-nmt",
            "summary": (
                "Understand the nerve-muscle relationship, trigger points and ischaemia, and why "
                "NMT looks for root causes and plans treatment from assessment."
            ),
            "lessons": [
                {
                    "title": "The Nerve-Muscle Relationship",
                    "slug": "the-nerve-muscle-relationship",
                    "summary": (
                        "Learn how the nervous system sets muscle tone, how muscles report back, "
                        "and what happens when that two-way communication is disturbed."
                    ),
                    "free_preview": False,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>NMT takes its name from the partnership it works on: nerves "
                                "and muscles. A muscle never acts on its own. It contracts, "
                                "relaxes and holds a resting level of tone because the nervous "
                                "system directs it to, and it constantly reports back on its "
                                "length, tension and condition. Understanding this two-way traffic "
                                "explains why pressing on a muscle can change pain, tone and "
                                "movement.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Motor control and muscle tone",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Each skeletal muscle is supplied by motor neurons whose "
                                "signals make its fibres contract. Even at rest, a healthy muscle "
                                "keeps a low level of tone, set largely by reflexes in the spinal "
                                "cord and influenced by the brain. When a region is threatened by "
                                "injury, pain, fatigue or stress, the nervous system often raises "
                                "tone as a protective response. In the short term this guarding is "
                                "useful; if it persists, the constantly working muscle can become "
                                "tender, fatigued and short of blood supply.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Sensory feedback from muscles",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Muscles are rich in sensory receptors. Muscle spindles detect "
                                "changes in length and the speed of stretch, Golgi tendon organs "
                                "respond to tension near the junction of muscle and tendon, and "
                                "free nerve endings respond to mechanical, chemical and thermal "
                                "stimuli, including those perceived as pain. This information "
                                "travels to the spinal cord and brain, which adjust tone and "
                                "coordinate movement. Many NMT and associated techniques work with "
                                "these reflexes: a sustained stretch or a gentle contraction, for "
                                "example, can change the signals that keep a muscle tight.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "When the relationship goes wrong",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Several problems can disturb the link between nerve and "
                                "muscle. In muscular imbalance, some muscles become overactive and "
                                "short while their partners become inhibited and weak, which "
                                "alters how joints move. Nerves can become compressed or irritated "
                                "where they pass through tight muscle or narrowed spaces, "
                                "producing pain, tingling or weakness along their path. Poor "
                                "posture and repetitive strain load the same tissues again and "
                                "again. These factors often combine into a cycle of pain, guarding "
                                "and further pain.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "safety",
                                "title": "Nerve symptoms need careful interpretation",
                                "text": (
                                    "<p>Numbness, pins and needles or weakness may come from "
                                    "soft-tissue entrapment, but they can also signal spinal or "
                                    "systemic problems. Progressive weakness, or loss of sensation "
                                    "that is spreading, calls for medical assessment before or "
                                    "alongside manual therapy.</p>"
                                ),
                            },
                        ),
                        (
                            "heading",
                            {
                                "text": "What this means for your hands",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>When you apply NMT you are not only loosening tissue; you are "
                                "supplying new sensory input that the nervous system interprets "
                                "and responds to. Slow, clear, predictable pressure tends to be "
                                "processed as safe, which helps tone settle, whereas abrupt or "
                                "excessive force may provoke more guarding. This is why skilled "
                                "practitioners watch the client's breathing, facial expression and "
                                "verbal feedback throughout a session.</p>"
                            ),
                        ),
                        (
                            "key_points",
                            {
                                "title": "Key points",
                                "points": [
                                    (
                                        "Muscle tone is controlled by the nervous system and "
                                        "continually adjusted using sensory feedback from the "
                                        "muscles."
                                    ),
                                    (
                                        "Muscle spindles sense length, Golgi tendon organs sense "
                                        "tension and free nerve endings can signal pain."
                                    ),
                                    (
                                        "Muscular imbalance, nerve compression, poor posture and "
                                        "repetitive strain can all disturb nerve-muscle function."
                                    ),
                                    (
                                        "Manual pressure is a sensory input, so the way you apply "
                                        "it shapes how the nervous system responds."
                                    ),
                                ],
                            },
                        ),
                        (
                            "references",
                            {
                                "items": [
                                    CHAITOW_DELANY,
                                    MUSCULOSKELETAL_KEY,
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Trigger Points and Ischaemia",
                    "slug": "trigger-points-and-ischaemia",
                    "summary": (
                        "Define trigger points, distinguish active from latent points and "
                        "understand how reduced blood flow may help keep them going."
                    ),
                    "free_preview": False,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>If one idea sits at the centre of NMT, it is the trigger "
                                "point. Both the European and American schools devote much of "
                                "their assessment and treatment to finding and deactivating these "
                                "small, sensitive areas, and to the ischaemia, or reduced blood "
                                "supply, that tends to accompany them. This lesson explains both "
                                "ideas and how NMT responds to them.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "What a trigger point is",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>A myofascial trigger point is a hyperirritable spot within a "
                                "taut band of skeletal muscle. It is tender when pressed and, "
                                "characteristically, can refer pain or other sensations to an area "
                                "some distance away. Travell and Simons described typical referral "
                                "patterns for many muscles, which is why pressure on a point in "
                                "the upper trapezius can reproduce a familiar headache, or pain "
                                "felt in the arm can turn out to come from muscles around the "
                                "shoulder blade.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Practitioners commonly distinguish active from latent trigger "
                                "points. An active trigger point contributes to the pain the "
                                "client recognises, at rest or during activity. A latent trigger "
                                "point is tender when palpated and may restrict movement or cause "
                                "weakness, but it does not produce the client's familiar complaint "
                                "unless it is provoked. Extra load, stress or injury can turn a "
                                "latent point into an active one.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "The role of ischaemia",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Ischaemia means reduced blood flow to a tissue. A muscle held "
                                "in sustained contraction squeezes its own small vessels, so less "
                                "oxygen arrives and metabolic waste clears more slowly. The "
                                "resulting chemical environment can sensitise nerve endings, "
                                "adding to pain and encouraging further protective tightening. NMT "
                                "texts present this loop of tension, ischaemia and pain as one of "
                                "the mechanisms that keeps trigger points going. The exact "
                                "physiology of trigger points is still being researched and "
                                "debated, so describe these mechanisms as working models rather "
                                "than settled fact.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "How NMT addresses them",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>The signature NMT response is sustained, specific pressure on "
                                "the trigger point, often called ischaemic compression, held until "
                                "the tissue softens or the tenderness eases. Small studies report "
                                "less tenderness straight afterwards (Fernández-de-las-Peñas et "
                                "al., 2006); why is not known. Blood returning once the pressure "
                                "lifts, and the body's own pain-damping chemistry such as "
                                "endorphins, are proposed explanations that have not been "
                                "measured in trigger points, and the trigger point model itself "
                                "is disputed (Quintner, Bove and Cohen, 2015). NMT combines the "
                                "pressure with work on the surrounding tissue and with stretching "
                                "so the muscle can recover its normal length.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "safety",
                                "title": "Referred pain is not a diagnosis",
                                "text": (
                                    "<p>A pattern that looks like trigger point referral can also "
                                    "be produced by organ disease, nerve root irritation or "
                                    "circulatory problems. Chest, arm or jaw pain with "
                                    "breathlessness, sweating or nausea needs emergency medical "
                                    "attention, not trigger point work.</p>"
                                ),
                            },
                        ),
                        (
                            "key_points",
                            {
                                "title": "Key points",
                                "points": [
                                    (
                                        "A trigger point is a hyperirritable spot in a taut band "
                                        "of muscle that is tender and may refer pain elsewhere."
                                    ),
                                    (
                                        "Active points reproduce the client's familiar pain; "
                                        "latent points are tender but usually quiet unless "
                                        "provoked."
                                    ),
                                    (
                                        "Sustained contraction can reduce local blood flow, and "
                                        "this ischaemia may help maintain pain and tension."
                                    ),
                                    (
                                        "NMT treats trigger points with sustained, specific "
                                        "pressure, often called ischaemic compression."
                                    ),
                                ],
                            },
                        ),
                        (
                            "references",
                            {
                                "items": [
                                    FERNANDEZ_2006,
                                    QUINTNER_2015,
                                    TRAVELL_SIMONS,
                                    CHAITOW_DELANY,
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Looking for Root Causes, Not Just Symptoms",
                    "slug": "root-causes-not-just-symptoms",
                    "summary": (
                        "Understand why the painful spot is not always the source, which factors "
                        "commonly keep pain going, and how to share the work of addressing them "
                        "with the client."
                    ),
                    "free_preview": False,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>A client arrives pointing at the place that hurts. One of the "
                                "defining commitments of NMT is to treat that area thoroughly "
                                "while also asking why it hurts and what keeps it hurting. Relief "
                                "that lasts usually depends on identifying and addressing the "
                                "factors that created the problem and continue to maintain it.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Where pain is felt versus where it starts",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Pain is often felt some distance from its source. Trigger "
                                "points refer pain in recognisable patterns, irritated nerves "
                                "produce symptoms along their course, and a stiff joint can "
                                "overload the tissues above or below it. Treating only the painful "
                                "spot can bring short-lived relief while the driver stays "
                                "untouched. An NMT practitioner therefore examines the wider "
                                "region and the connected chain of muscles before deciding where "
                                "to concentrate.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Common perpetuating factors",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Many pain problems are linked to a small group of recurring "
                                "factors. Muscular imbalance changes the way joints are loaded. "
                                "Postural habits, such as long hours with the head pushed forward "
                                "towards a screen, hold particular muscles in shortened or "
                                "lengthened positions. Repetitive tasks at work, in sport or in "
                                "hobbies strain the same tissues over and over. Nerve compression "
                                "can develop where nerves pass through tight structures. Beyond "
                                "mechanics, general factors such as poor sleep, emotional stress "
                                "and prolonged inactivity influence how tissues respond and "
                                "recover.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Working with the client on causes",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Addressing root causes is a shared task. Your part is to "
                                "assess carefully, treat the tissues involved and explain your "
                                "findings in plain language. The client's part may include "
                                "changing a workstation, varying a repetitive task, building "
                                "activity gradually or following simple self-care you have taught "
                                "them within your scope of practice. When a suspected cause lies "
                                "outside your scope, for example a joint or nerve problem that "
                                "needs a diagnosis, refer the client to an appropriate health "
                                "professional.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "title": "Ask what has changed",
                                "text": (
                                    "<p>A productive history question is: what changed in the "
                                    "weeks before this started? A new job task, a new training "
                                    "plan, a house move, a new baby or a stressful period often "
                                    "points straight to the perpetuating factor.</p>"
                                ),
                            },
                        ),
                        (
                            "heading",
                            {
                                "text": "A realistic promise",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Focusing on causes does not mean promising a cure. Some "
                                "drivers, such as a physically demanding occupation, cannot simply "
                                "be removed. In those cases the aim becomes reducing the load on "
                                "the affected tissues, improving their tolerance and giving the "
                                "client practical strategies for managing flare-ups. Being honest "
                                "about this from the start protects the therapeutic relationship "
                                "and keeps goals achievable.</p>"
                            ),
                        ),
                        (
                            "key_points",
                            {
                                "title": "Key points",
                                "points": [
                                    (
                                        "Pain is often felt away from its source, so NMT assesses "
                                        "the wider region and connected muscle chains."
                                    ),
                                    (
                                        "Common drivers include muscular imbalance, posture, "
                                        "repetitive strain, nerve compression and general health "
                                        "factors."
                                    ),
                                    (
                                        "Lasting change usually needs the client's participation "
                                        "through adjusted habits and self-care within your scope."
                                    ),
                                    (
                                        "Refer when a suspected cause lies beyond the scope of "
                                        "massage therapy."
                                    ),
                                ],
                            },
                        ),
                        (
                            "references",
                            {
                                "items": [
                                    CHAITOW_DELANY,
                                    MUSCULOSKELETAL_KEY,
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Assessment-Led Treatment Planning",
                    "slug": "assessment-led-treatment-planning",
                    "summary": (
                        "Turn history, observation and palpation into a personalised plan, and use "
                        "reassessment to check that the plan is working."
                    ),
                    "free_preview": False,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>NMT is not a fixed routine applied identically to everyone. "
                                "Even in the European tradition, where a set sequence is followed, "
                                "the practitioner adapts constantly to what the hands discover. "
                                "The American version makes this explicit by placing a thorough "
                                "assessment before any treatment. This lesson explains how to turn "
                                "assessment findings into a personalised plan.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "The assessment, treatment and reassessment cycle",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Good planning follows a simple loop. You gather information, "
                                "form a working picture of what is contributing to the problem, "
                                "treat accordingly and then check whether anything has changed. "
                                "Reassessment can be as simple as asking the client to repeat a "
                                "movement that was painful at the start of the session, or "
                                "palpating a previously tender area. If the finding has improved, "
                                "you have some evidence that you are working on a relevant tissue. "
                                "If nothing changes, rethink your approach rather than simply "
                                "pressing harder.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Building the working picture",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Start with the client's history: where the pain is, how it "
                                "behaves, what eases and aggravates it and how it affects daily "
                                "life. Add observations of posture and movement, then confirm or "
                                "challenge them with palpation. Look for consistency across these "
                                "sources. If a client reports neck pain while reading, stands with "
                                "the head forward of the shoulders and has tender points in the "
                                "suboccipital and upper trapezius muscles, those findings support "
                                "one another and suggest where to begin.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Setting goals and priorities",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Translate findings into goals the client cares about, such as "
                                "turning the head to reverse the car without pain or getting "
                                "through a working day with less discomfort. Goals framed around "
                                "function make progress easier to judge. Prioritise by treating "
                                "the most relevant tissues first, avoiding overload of a sensitive "
                                "client in early sessions and planning how self-care will support "
                                "the hands-on work. Agree a provisional number of sessions and a "
                                "point at which you will review progress together.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "safety",
                                "title": "Know when the plan should change",
                                "text": (
                                    "<p>If symptoms worsen steadily, new neurological signs appear "
                                    "or the client's general health changes, stop and reassess. A "
                                    "plan is a working hypothesis, and some findings mean the "
                                    "client needs a medical evaluation before NMT continues.</p>"
                                ),
                            },
                        ),
                        (
                            "heading",
                            {
                                "text": "Recording the plan",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Write down your findings, the agreed goals, the techniques you "
                                "used and how the client responded. Clear records let you compare "
                                "sessions, explain your choices and communicate with other "
                                "professionals. The final module of this course returns to "
                                "documentation and treatment plans in more detail.</p>"
                            ),
                        ),
                        (
                            "key_points",
                            {
                                "title": "Key points",
                                "points": [
                                    (
                                        "Assessment, treatment and reassessment form a continuous "
                                        "cycle in NMT."
                                    ),
                                    (
                                        "Combine history, posture, movement and palpation to build "
                                        "a consistent working picture."
                                    ),
                                    (
                                        "Set functional goals with the client and treat the most "
                                        "relevant tissues first."
                                    ),
                                    (
                                        "Review the plan regularly and change it when findings or "
                                        "the client's health change."
                                    ),
                                ],
                            },
                        ),
                        (
                            "references",
                            {
                                "items": [
                                    CHAITOW_DELANY,
                                    MUSCULOSKELETAL_KEY,
                                ],
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Assessment Skills",
            "slug": "assessment-skills",
            "summary": (
                "Build a structured NMT assessment: client history and red flags, posture, "
                "movement patterns and skilled palpation."
            ),
            "lessons": [
                {
                    "title": "Taking a History and Screening for Red Flags",
                    "slug": "client-history-and-red-flags",
                    "summary": (
                        "Structure a client interview, recognise the warning signs that call for "
                        "medical referral and notice psychosocial factors that affect recovery."
                    ),
                    "free_preview": False,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>Assessment begins before you touch the client. A careful "
                                "conversation tells you what the problem is, how it behaves and, "
                                "crucially, whether NMT is appropriate at all. Taking a good "
                                "history is a skill that protects clients and makes your hands-on "
                                "work far more accurate.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Structure of a useful history",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>A practical history covers a few core areas. Ask where the "
                                "symptoms are and whether they spread. Ask when and how they "
                                "began, suddenly after an incident or gradually over time. Explore "
                                "their behaviour: what makes them better or worse, how they change "
                                "through the day and whether they disturb sleep. Ask about "
                                "previous episodes, earlier treatments and how well they worked. "
                                "Finally, ask about general health, medicines, operations and the "
                                "client's work, sport and daily activities.</p><p>Open with broad "
                                "questions and let the client tell the story in their own words, "
                                "then follow up with specific questions to fill the gaps. A body "
                                "chart, on which the client marks areas of pain and other "
                                "sensations, is a quick and useful record.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Red flags",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Red flags are features that suggest a serious underlying "
                                "condition needing medical assessment. As a massage therapist you "
                                "do not diagnose these conditions, but you must recognise when a "
                                "presentation does not fit a simple musculoskeletal picture. "
                                "Common red flags include:</p><ul><li>unexplained weight loss, "
                                "fever or feeling generally unwell alongside the pain</li><li>a "
                                "past history of cancer</li><li>constant, unrelenting pain, "
                                "including at night, that does not change with position or "
                                "rest</li><li>significant recent trauma such as a fall or a road "
                                "collision</li><li>numbness in the saddle area, or new difficulty "
                                "controlling the bladder or bowels</li><li>progressive weakness or "
                                "spreading numbness in the limbs</li><li>a swollen, warm, painful "
                                "calf, which may indicate a blood clot</li></ul>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "contraindication",
                                "title": "Stop and refer",
                                "text": (
                                    "<p>If a client reports saddle numbness with new bladder or "
                                    "bowel changes, or has signs suggesting a blood clot, do not "
                                    "treat. Advise them to seek emergency medical care straight "
                                    "away, and record what you observed and the advice you "
                                    "gave.</p>"
                                ),
                            },
                        ),
                        (
                            "heading",
                            {
                                "text": "Yellow flags and expectations",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Not every important factor is physical. Fear of movement, low "
                                "mood, work stress and a belief that pain always means damage can "
                                "all slow recovery. Noticing these factors helps you pace "
                                "treatment, choose reassuring language and decide whether to "
                                "suggest support from other professionals.</p>"
                            ),
                        ),
                        (
                            "key_points",
                            {
                                "title": "Key points",
                                "points": [
                                    (
                                        "A structured history covers location, onset, behaviour, "
                                        "previous episodes, general health and daily activities."
                                    ),
                                    (
                                        "Start with open questions, then use targeted questions "
                                        "and a body chart."
                                    ),
                                    (
                                        "Red flags point to possible serious conditions and call "
                                        "for medical referral rather than NMT."
                                    ),
                                    (
                                        "Psychological and social factors affect recovery and "
                                        "should shape how you pace and explain treatment."
                                    ),
                                ],
                            },
                        ),
                        (
                            "references",
                            {
                                "items": [
                                    CHAITOW_DELANY,
                                    MUSCULOSKELETAL_KEY,
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Postural Assessment",
                    "slug": "postural-assessment",
                    "summary": (
                        "Observe standing posture systematically, recognise common patterns and "
                        "interpret what you see with appropriate caution."
                    ),
                    "free_preview": False,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>Posture is the way a person habitually arranges the body "
                                "against gravity. It reflects their work, sport, emotional state, "
                                "injury history and even the chair they sit in. In NMT, observing "
                                "posture helps you predict which muscles are likely to be "
                                "shortened, overworked or inhibited, and therefore where to look "
                                "for tension and trigger points.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Preparing to observe",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Explain what you are going to do and why, and ask the client "
                                "to wear clothing that lets you see key landmarks, such as shorts "
                                "and a vest top, or use appropriate draping. Ask them to stand as "
                                "they normally would, without trying to stand up straight. Observe "
                                "from the front, the back and both sides, and take your time "
                                "before drawing conclusions.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "What to look for",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>From the side, picture a vertical line passing close to the "
                                "ear, the tip of the shoulder, the hip, just behind the kneecap "
                                "and slightly in front of the ankle. Note whether the head sits "
                                "forward of this line, whether the shoulders are rounded and how "
                                "pronounced the curves of the neck, upper back and lower back "
                                "appear. From the front and back, compare left and right: the "
                                "height of the ears, shoulders, shoulder blades, pelvic crests and "
                                "knee creases, the position of the feet and any rotation of the "
                                "trunk.</p>"
                            ),
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Some patterns are common in clinic. A forward head with "
                                "rounded shoulders often accompanies tight pectoral and upper "
                                "trapezius muscles together with weak deep neck flexors and "
                                "mid-back muscles. An exaggerated lower-back curve may go with "
                                "tight hip flexors and weaker abdominal and gluteal muscles. Treat "
                                "these patterns as a starting point for palpation, not a "
                                "conclusion.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "title": "Asymmetry is normal",
                                "text": (
                                    "<p>Nobody is perfectly symmetrical. Concentrate on "
                                    "asymmetries that relate to the client's symptoms or that "
                                    "change when they move, rather than trying to correct every "
                                    "small difference you notice.</p>"
                                ),
                            },
                        ),
                        (
                            "heading",
                            {
                                "text": "Interpreting findings carefully",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Posture is only one piece of evidence. Many people with marked "
                                "postural deviations have no pain, and many people with apparently "
                                "ideal posture do. Use what you see to generate questions. Does "
                                "the forward head position relate to the neck pain the client "
                                "feels at work? Does the raised shoulder match tenderness in the "
                                "muscles that elevate it? Then test those ideas through movement "
                                "assessment and palpation.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "safety",
                                "title": "Structural changes need respect",
                                "text": (
                                    "<p>A fixed spinal curve that does not change with movement, "
                                    "or a marked change in posture the client has noticed "
                                    "recently, may reflect a structural or medical problem. Do not "
                                    "try to force change with deep work; ask whether the client "
                                    "has had a medical evaluation.</p>"
                                ),
                            },
                        ),
                        (
                            "key_points",
                            {
                                "title": "Key points",
                                "points": [
                                    (
                                        "Observe posture from the front, the back and both sides "
                                        "with the client standing naturally."
                                    ),
                                    (
                                        "Compare landmarks left to right and use a vertical "
                                        "reference line from the side."
                                    ),
                                    (
                                        "Common patterns suggest which muscles to palpate but do "
                                        "not prove the cause of pain."
                                    ),
                                    (
                                        "Relate postural findings to symptoms and confirm them "
                                        "with movement testing and palpation."
                                    ),
                                ],
                            },
                        ),
                        (
                            "references",
                            {
                                "items": [
                                    CHAITOW_DELANY,
                                    MUSCULOSKELETAL_KEY,
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Assessing Movement Patterns",
                    "slug": "movement-pattern-assessment",
                    "summary": (
                        "Use active, functional and passive movement testing to find restrictions "
                        "and compensations, and choose marker movements to track change."
                    ),
                    "free_preview": False,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>Posture shows how a person holds still; movement shows how the "
                                "body organises itself in action. Because many pain problems "
                                "appear or worsen during activity, watching movement often reveals "
                                "restrictions, compensations and painful arcs that are invisible "
                                "at rest. Movement findings also give you simple tests to repeat "
                                "during and after treatment.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Active range of motion",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Begin by asking the client to move the region of concern "
                                "through its normal ranges on their own. For the neck this "
                                "includes bending forward and back, side bending and rotation to "
                                "each side. For the lower back it includes bending forward, "
                                "bending backward, side bending and rotation. Note how far the "
                                "client moves, whether the movement is smooth or hesitant and "
                                "where in the range any pain appears. Compare the two sides. Ask "
                                "the client to show you where they feel pulling, pinching or pain, "
                                "because a pulling sensation on one side and a pinching sensation "
                                "on the other suggest different problems.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Functional movement and compensation",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Next, look at movements that matter in the client's life. A "
                                "squat, a step up, reaching overhead or turning to look behind can "
                                "all be observed quickly. Watch for compensations: a shoulder that "
                                "hitches upward as the arm lifts, a pelvis that drops on one side "
                                "during a step, or a lower back that bends when the hips should be "
                                "doing the work. Compensations often point to muscles that are "
                                "overactive, restricted or inhibited.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Muscle length and passive movement",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Where appropriate, move the limb for the client while they "
                                "relax to test muscle length and joint range. A muscle that limits "
                                "a passive stretch more on one side than the other may be a "
                                "candidate for NMT. Comparing active with passive range is also "
                                "informative: if passive movement is much greater than active, "
                                "weakness or pain inhibition may be limiting the client rather "
                                "than tightness.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "safety",
                                "title": "Stay within comfort",
                                "text": (
                                    "<p>Movement testing should never be forced. Stop if a "
                                    "movement produces sharp pain or sends symptoms spreading into "
                                    "a limb. During neck movements, watch for dizziness, visual "
                                    "changes, difficulty speaking or swallowing, or nausea, and "
                                    "stop and refer if any of these appear.</p>"
                                ),
                            },
                        ),
                        (
                            "heading",
                            {
                                "text": "Using movement as a marker",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Choose one or two movements that reproduce the client's "
                                "symptoms and use them as markers. Test them before treatment, "
                                "after each main technique and at the end of the session. A clear "
                                "change in a marker movement is one of the most useful signs that "
                                "your work is relevant.</p>"
                            ),
                        ),
                        (
                            "key_points",
                            {
                                "title": "Key points",
                                "points": [
                                    (
                                        "Active movement testing shows range, quality and the "
                                        "point in the movement where pain occurs."
                                    ),
                                    (
                                        "Functional movements reveal compensations linked to "
                                        "overactive, restricted or inhibited muscles."
                                    ),
                                    (
                                        "Comparing active with passive range helps separate "
                                        "tightness from weakness or pain inhibition."
                                    ),
                                    (
                                        "Marker movements give a quick way to check the effect of "
                                        "treatment within a session."
                                    ),
                                ],
                            },
                        ),
                        (
                            "references",
                            {
                                "items": [
                                    CHAITOW_DELANY,
                                    MUSCULOSKELETAL_KEY,
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Palpation: Reading the Tissues",
                    "slug": "palpation-skills",
                    "summary": (
                        "Develop layered, systematic palpation to find taut bands and trigger "
                        "points, communicate clearly during assessment and respect vulnerable "
                        "areas."
                    ),
                    "free_preview": False,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>Palpation is the skill of gathering information through touch. "
                                "In NMT it is both the main assessment tool and the bridge to "
                                "treatment, because the contact that finds a problem is often the "
                                "same contact that begins to resolve it. Good palpation is slow, "
                                "attentive and systematic, and it improves with deliberate "
                                "practice.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Layers and qualities",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Think of palpation as moving through layers. At the skin you "
                                "can notice temperature, moisture and texture. Beneath it, the "
                                "superficial fascia may feel mobile or stuck to deeper structures. "
                                "Deeper still you reach muscle, where you assess tone, texture and "
                                "tenderness, along with the connective tissue around tendons and "
                                "joints. Use only as much pressure as you need to reach each "
                                "layer; pressing hard too early dulls your own sense of touch and "
                                "makes the client guard.</p><p>Useful qualities to note include "
                                "areas that feel warmer or cooler than their surroundings, skin "
                                "that drags or resists sliding, taut bands running in the "
                                "direction of the muscle fibres, nodules within those bands, spots "
                                "that are markedly tender and places where pressure reproduces the "
                                "client's familiar symptoms or refers sensation elsewhere.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Finding trigger points",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>To locate a trigger point, glide across the direction of the "
                                "muscle fibres until you feel a taut band, then move along the "
                                "band to find its most tender spot. Depending on the muscle, use "
                                "flat palpation, pressing the tissue against underlying bone, or "
                                "pincer palpation, holding the muscle between thumb and fingers. "
                                "Occasionally the band gives a brief local twitch when it is "
                                "stimulated. Ask the client whether the pressure reproduces their "
                                "familiar pain and where they feel it.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Communicating during palpation",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Agree a simple feedback system before you begin, such as a 0 "
                                "to 10 discomfort scale, and invite the client to tell you at any "
                                "time if pressure is too much. Watch breathing, facial expression "
                                "and muscle guarding as well as listening to what the client says. "
                                "Record findings as you go, using a body chart and consistent "
                                "terms so you can compare them at the next session.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "safety",
                                "title": "Know the vulnerable areas",
                                "text": (
                                    "<p>Some regions contain structures that should not receive "
                                    "deep or sustained pressure, including the front of the neck "
                                    "near the carotid artery, the back of the knee, the inner "
                                    "upper arm and the groin, where major vessels and nerves lie "
                                    "close to the surface. Palpate these areas lightly and only "
                                    "with a clear picture of the anatomy beneath your hands.</p>"
                                ),
                            },
                        ),
                        (
                            "key_points",
                            {
                                "title": "Key points",
                                "points": [
                                    (
                                        "Palpate in layers, using only the pressure needed to "
                                        "reach each tissue."
                                    ),
                                    (
                                        "Note temperature, texture, tone, taut bands, nodules, "
                                        "tenderness and referred sensations."
                                    ),
                                    (
                                        "Use flat or pincer palpation across the fibres to find "
                                        "taut bands and trigger points."
                                    ),
                                    (
                                        "Agree a feedback system with the client and record "
                                        "findings consistently."
                                    ),
                                ],
                            },
                        ),
                        (
                            "references",
                            {
                                "items": [
                                    TRAVELL_SIMONS,
                                    CHAITOW_DELANY,
                                ],
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Core NMT Techniques",
            "slug": "core-nmt-techniques",
            "summary": (
                "Apply trigger point pressure, myofascial release and deep tissue work, and "
                "support them with stretching, muscle energy technique and positional release."
            ),
            "lessons": [
                {
                    "title": "Trigger Point Pressure Release (Ischaemic Compression)",
                    "slug": "trigger-point-pressure-release",
                    "summary": (
                        "Learn how sustained, specific pressure on trigger points is thought to "
                        "work, how to choose intensity and duration, and how to apply it safely "
                        "step by step."
                    ),
                    "free_preview": False,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>Sustained, specific pressure on trigger points is the "
                                "technique most closely identified with NMT. It is often called "
                                "ischaemic compression because the pressure briefly reduces blood "
                                "flow in the area. Applied well, it can reduce tenderness, ease "
                                "referred pain and help the muscle return to its normal length. "
                                "Applied carelessly, it is simply uncomfortable and can leave "
                                "clients sore for days.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "How it is thought to work",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Nobody has shown how it works; three explanations are offered. "
                                "Firm pressure limits blood flow for a while, and the return of "
                                "blood after release is thought to help settle the local "
                                "conditions linked with ischaemia. The pressure may also prompt "
                                "the body's pain-modulating chemistry, endorphins among it, "
                                "though this has not been measured in trigger point work. And "
                                "strong, steady sensory input may lead the nervous system to "
                                "lower protective tone. What studies do report is a short-term "
                                "drop in tenderness (Fernández-de-las-Peñas et al., 2006), while "
                                "the trigger point model behind all three ideas remains contested "
                                "(Quintner, Bove and Cohen, 2015). Describe the effects to "
                                "clients in those modest terms.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Choosing pressure and duration",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Pressure should be firm enough to be clearly felt and to "
                                "reproduce some of the client's familiar sensation, yet tolerable "
                                "enough that they can breathe slowly and stay relaxed. A common "
                                "guide is to work around the middle of a 0 to 10 discomfort scale "
                                "and never near the top of it. Hold until you feel the tissue "
                                "soften or the client reports that the tenderness or referred "
                                "sensation is fading, then release slowly. If nothing changes "
                                "after a reasonable hold, stop and reconsider rather than adding "
                                "force.</p>"
                            ),
                        ),
                        (
                            "technique_steps",
                            {
                                "title": "Applying trigger point pressure",
                                "steps": [
                                    {
                                        "title": "Locate and confirm",
                                        "text": (
                                            "<p>Palpate across the fibres to find the taut band "
                                            "and its most tender point. Ask whether the pressure "
                                            "reproduces the client's familiar pain and where they "
                                            "feel it.</p>"
                                        ),
                                    },
                                    {
                                        "title": "Position for ease",
                                        "text": (
                                            "<p>Place the client so the muscle is supported and "
                                            "slightly slack, and position yourself so you can lean "
                                            "in with body weight rather than relying on thumb "
                                            "strength.</p>"
                                        ),
                                    },
                                    {
                                        "title": "Apply gradual pressure",
                                        "text": (
                                            "<p>Sink slowly into the point with a thumb, finger "
                                            "pads or a supported knuckle until the client reports "
                                            "moderate, tolerable discomfort.</p>"
                                        ),
                                    },
                                    {
                                        "title": "Hold and monitor",
                                        "text": (
                                            "<p>Keep the pressure steady while the client breathes "
                                            "slowly. Watch for guarding and ask for feedback. As "
                                            "the tissue softens, you may follow it slightly "
                                            "deeper.</p>"
                                        ),
                                    },
                                    {
                                        "title": "Release slowly",
                                        "text": (
                                            "<p>Ease off gradually to let blood return, then glide "
                                            "along the band with a few gentle strokes to spread "
                                            "the effect.</p>"
                                        ),
                                    },
                                    {
                                        "title": "Lengthen and reassess",
                                        "text": (
                                            "<p>Stretch the muscle gently, then recheck tenderness "
                                            "and a marker movement to judge whether the work was "
                                            "effective.</p>"
                                        ),
                                    },
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "contraindication",
                                "title": "When not to use sustained pressure",
                                "text": (
                                    "<p>Avoid direct pressure over areas of acute inflammation, "
                                    "infection, open wounds, recent fractures, suspected blood "
                                    "clots, varicose veins or unexplained swelling. Take "
                                    "particular care with clients who take anticoagulant "
                                    "medicines, who have fragile skin or osteoporosis, or whose "
                                    "reduced sensation prevents them from giving reliable "
                                    "feedback.</p>"
                                ),
                            },
                        ),
                        (
                            "heading",
                            {
                                "text": "After the session",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Mild soreness for a day or so can follow trigger point work. "
                                "Advise clients to keep gently active and to contact you if "
                                "soreness is severe or lasts longer than expected, and adjust your "
                                "pressure next time based on their response.</p>"
                            ),
                        ),
                        (
                            "key_points",
                            {
                                "title": "Key points",
                                "points": [
                                    (
                                        "Trigger point pressure is a sustained, specific "
                                        "compression often called ischaemic compression."
                                    ),
                                    (
                                        "Short-term relief of tenderness is reported; renewed "
                                        "blood flow, endorphins and lower protective tone are "
                                        "proposed explanations, none of them established."
                                    ),
                                    (
                                        "Work at a moderate, tolerable intensity and release when "
                                        "the tissue softens or the referral fades."
                                    ),
                                    "Always finish by lengthening the muscle and reassessing.",
                                ],
                            },
                        ),
                        (
                            "references",
                            {
                                "items": [
                                    FERNANDEZ_2006,
                                    QUINTNER_2015,
                                    TRAVELL_SIMONS,
                                    CHAITOW_DELANY,
                                    CHAITOW_MODERN,
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Myofascial Release and Deep Tissue Work",
                    "slug": "myofascial-release-and-deep-tissue",
                    "summary": (
                        "Understand fascia and apply slow, sustained myofascial release and "
                        "gradual deep tissue work to the tissues surrounding trigger points."
                    ),
                    "free_preview": False,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>Trigger points rarely exist in isolation. The muscles around "
                                "them, and the fascia that wraps and connects those muscles, are "
                                "often tight, thickened or slow to move. NMT therefore combines "
                                "precise point work with broader techniques: deep tissue massage "
                                "to address the muscle layers and myofascial release to address "
                                "restrictions in the connective tissue.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Fascia in brief",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Fascia is a continuous network of connective tissue that "
                                "surrounds individual muscles, muscle groups, vessels and organs. "
                                "It lets structures glide over one another while transmitting "
                                "force between them. After injury, overuse or long periods of "
                                "immobility, fascial layers can lose their normal glide, and the "
                                "client may feel stiffness, a sense of pulling or restricted "
                                "movement some distance from the original problem.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Myofascial release principles",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Myofascial release uses slow, sustained pressure and stretch "
                                "directed into a restriction. Rather than gliding quickly with "
                                "plenty of lubricant, the therapist uses little or none, engages "
                                "the tissue until a barrier of resistance is felt and then waits. "
                                "Over time the tissue usually yields, and the therapist follows "
                                "the release into the new range. The emphasis is on patience and "
                                "attentive listening rather than force.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Deep tissue principles",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Deep tissue massage works slowly through the layers of muscle "
                                "using forearms, elbows, knuckles or supported fingers. Depth is "
                                "reached gradually; you should never bypass the superficial layers "
                                "by driving straight down. Strokes usually follow or cross the "
                                "direction of the fibres, and the pace stays slow enough for both "
                                "the tissue and the client to accommodate the pressure.</p>"
                            ),
                        ),
                        (
                            "technique_steps",
                            {
                                "title": "A basic myofascial release sequence",
                                "steps": [
                                    {
                                        "title": "Assess the restriction",
                                        "text": (
                                            "<p>Use light palpation and skin rolling to find areas "
                                            "where the tissue resists sliding or feels bound "
                                            "down.</p>"
                                        ),
                                    },
                                    {
                                        "title": "Engage the barrier",
                                        "text": (
                                            "<p>With little or no lubricant, place your hands or "
                                            "forearm on the area and sink in until you meet the "
                                            "first firm resistance, then add a gentle stretch in "
                                            "the direction of the restriction.</p>"
                                        ),
                                    },
                                    {
                                        "title": "Wait and follow",
                                        "text": (
                                            "<p>Hold the engagement without sliding. As the tissue "
                                            "softens, follow it into the new range, taking up the "
                                            "slack without forcing.</p>"
                                        ),
                                    },
                                    {
                                        "title": "Progress to deeper layers",
                                        "text": (
                                            "<p>Once the superficial layers move more freely, use "
                                            "slow deep tissue strokes along the muscle to address "
                                            "tension in the deeper layers.</p>"
                                        ),
                                    },
                                    {
                                        "title": "Integrate and reassess",
                                        "text": (
                                            "<p>Finish with broad, soothing strokes and recheck "
                                            "the movement or area that was restricted.</p>"
                                        ),
                                    },
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "safety",
                                "title": "Depth is not the goal",
                                "text": (
                                    "<p>Deep work should never produce sharp pain, numbness or "
                                    "bruising. Reduce pressure over bony areas, avoid vulnerable "
                                    "regions where vessels and nerves lie near the surface, and "
                                    "take extra care with older clients, those taking "
                                    "anticoagulants and anyone with fragile skin or reduced bone "
                                    "density.</p>"
                                ),
                            },
                        ),
                        (
                            "heading",
                            {
                                "text": "Fitting the techniques together",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>In a typical NMT session, myofascial release and deep tissue "
                                "strokes prepare the region and reveal taut bands, trigger point "
                                "pressure addresses the most relevant points, and further broad "
                                "work integrates the changes. Let your assessment decide the "
                                "balance between them for each client.</p>"
                            ),
                        ),
                        (
                            "key_points",
                            {
                                "title": "Key points",
                                "points": [
                                    (
                                        "Fascia surrounds and connects muscles, and lost glide can "
                                        "cause stiffness and restricted movement."
                                    ),
                                    (
                                        "Myofascial release engages restrictions slowly and "
                                        "steadily with little or no lubricant."
                                    ),
                                    (
                                        "Deep tissue work reaches deeper layers gradually, never "
                                        "by forcing through the surface."
                                    ),
                                    (
                                        "Combine these techniques with trigger point work so the "
                                        "whole region is treated."
                                    ),
                                ],
                            },
                        ),
                        (
                            "references",
                            {
                                "items": [
                                    CHAITOW_DELANY,
                                    CHAITOW_MODERN,
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Stretching, Muscle Energy Technique and Positional Release",
                    "slug": "stretching-met-and-positional-release",
                    "summary": (
                        "Restore muscle length and comfortable movement with stretching, muscle "
                        "energy technique and positional release (strain/counterstrain)."
                    ),
                    "free_preview": False,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>Releasing a trigger point or a fascial restriction is only "
                                "part of the job. The muscle also needs to regain its normal "
                                "resting length, and the client needs to move comfortably. NMT "
                                "practitioners therefore use stretching and two associated "
                                "methods: muscle energy technique (MET) and positional release, "
                                "often called strain/counterstrain. These tools complement each "
                                "other, because one works through active effort and the other "
                                "through ease.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Stretching after NMT",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Stretching after trigger point or deep work helps restore "
                                "length to a muscle shortened by tension. Passive stretches, in "
                                "which the therapist moves the limb while the client relaxes, "
                                "should be slow and held within comfort. Teaching the client a "
                                "simple version of the stretch to do at home helps maintain the "
                                "change between sessions.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Muscle energy technique",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>MET uses the client's own gentle muscle contraction against "
                                "the therapist's resistance. In one common form, the shortened "
                                "muscle is taken to the point where resistance is first felt; the "
                                "client then contracts it lightly, well below maximum effort, for "
                                "a few seconds while the therapist matches the force so that no "
                                "movement occurs. After the client relaxes, the therapist takes up "
                                "the new slack and repeats. The contraction appears to make it "
                                "easier for the muscle to relax into a greater range. In another "
                                "form, the client gently contracts the opposing muscle, which "
                                "tends to inhibit the tight one.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Positional release",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Positional release takes the opposite approach. The therapist "
                                "finds a tender point and then moves the body passively into a "
                                "position of comfort, often one that shortens the involved tissue, "
                                "until the tenderness reduces markedly. The position is held while "
                                "the client relaxes, and the body is then returned slowly and "
                                "passively to neutral. This gentle method suits acute or highly "
                                "sensitive clients who cannot tolerate direct pressure.</p>"
                            ),
                        ),
                        (
                            "technique_steps",
                            {
                                "title": "Applying post-isometric MET to a shortened muscle",
                                "steps": [
                                    {
                                        "title": "Find the barrier",
                                        "text": (
                                            "<p>Take the muscle slowly into stretch until you feel "
                                            "the first sign of resistance, not the end of the "
                                            "available range.</p>"
                                        ),
                                    },
                                    {
                                        "title": "Gentle contraction",
                                        "text": (
                                            "<p>Ask the client to push lightly back against your "
                                            "hand, using only a small fraction of their strength, "
                                            "while you keep the limb still.</p>"
                                        ),
                                    },
                                    {
                                        "title": "Hold and breathe",
                                        "text": (
                                            "<p>Maintain the contraction for a few seconds while "
                                            "the client keeps breathing normally.</p>"
                                        ),
                                    },
                                    {
                                        "title": "Relax fully",
                                        "text": (
                                            "<p>Ask the client to stop pushing, breathe out and "
                                            "let go completely.</p>"
                                        ),
                                    },
                                    {
                                        "title": "Take up the slack",
                                        "text": (
                                            "<p>Move gently to the new barrier without bouncing or "
                                            "forcing, and repeat two or three times.</p>"
                                        ),
                                    },
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "safety",
                                "title": "Keep forces small",
                                "text": (
                                    "<p>MET contractions should be light; strong efforts recruit "
                                    "other muscles and can strain tissue. Avoid MET and vigorous "
                                    "stretching around recent injuries, unstable joints or in "
                                    "hypermobile clients, and never take the neck into forced "
                                    "end-range extension combined with rotation.</p>"
                                ),
                            },
                        ),
                        (
                            "key_points",
                            {
                                "title": "Key points",
                                "points": [
                                    (
                                        "Stretching restores muscle length after NMT, and home "
                                        "stretches help maintain it."
                                    ),
                                    (
                                        "MET uses light, resisted contractions followed by "
                                        "relaxation to gain range."
                                    ),
                                    (
                                        "Positional release reduces tenderness by holding the "
                                        "tissue in a position of ease."
                                    ),
                                    (
                                        "Choose the approach that suits how sensitive and how "
                                        "acute the client's condition is."
                                    ),
                                ],
                            },
                        ),
                        (
                            "references",
                            {
                                "items": [
                                    CHAITOW_DELANY,
                                    CHAITOW_MODERN,
                                ],
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Clinical Applications",
            "slug": "clinical-applications",
            "summary": (
                "Apply NMT to back and neck pain, sports and repetitive strain injuries, "
                "orthopaedic rehabilitation and fibromyalgia, with condition-specific precautions."
            ),
            "lessons": [
                {
                    "title": "NMT for Low Back Pain",
                    "slug": "nmt-for-low-back-pain",
                    "summary": (
                        "Screen clients with low back pain, assess the muscles that commonly "
                        "contribute and plan a safe, practical treatment approach."
                    ),
                    "free_preview": False,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>Low back pain is one of the most common reasons people seek "
                                "manual therapy. Most episodes are not caused by serious disease "
                                "and are often described as non-specific, meaning that no single "
                                "structural cause can be identified. For these clients, NMT can "
                                "help by reducing muscle tension and trigger point activity, "
                                "improving movement and giving the client the confidence to stay "
                                "active.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Screening first",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Before treating, screen for the red flags covered earlier in "
                                "the course. In the lower back, pay particular attention to saddle "
                                "numbness, bladder or bowel changes, progressive leg weakness, "
                                "unexplained weight loss, a history of cancer, fever and "
                                "significant trauma. Pain that travels below the knee with "
                                "numbness or weakness may indicate nerve root involvement and "
                                "should be evaluated medically, even though gentle soft-tissue "
                                "work may still be appropriate alongside that care.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "contraindication",
                                "title": "Emergency signs",
                                "text": (
                                    "<p>New saddle numbness, difficulty passing urine or loss of "
                                    "bowel control together with back pain requires emergency "
                                    "medical care. Do not treat; advise the client to go to "
                                    "emergency services immediately.</p>"
                                ),
                            },
                        ),
                        (
                            "heading",
                            {
                                "text": "Muscles to assess",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Several muscles commonly contribute to low back pain. The "
                                "quadratus lumborum, running between the lowest rib and the "
                                "pelvis, often refers pain towards the hip and buttock. The "
                                "erector spinae alongside the spine, the gluteal muscles, the "
                                "piriformis deep in the buttock and the iliopsoas at the front of "
                                "the hip all deserve assessment. The abdominal wall and the "
                                "hamstrings can also influence pelvic position and the load on the "
                                "lumbar spine. Let your postural and movement findings guide which "
                                "of these you prioritise.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "A typical treatment approach",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Begin with broad strokes to warm the tissues and assess tone. "
                                "Work systematically through the paraspinal muscles, then address "
                                "the quadratus lumborum in side-lying, where it is easier to "
                                "reach. Treat the gluteal muscles and, with care and consent, the "
                                "hip flexors. Apply trigger point pressure to points that "
                                "reproduce the client's familiar pain, follow with stretching or "
                                "MET, and reassess a marker movement such as bending forward.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "safety",
                                "title": "Sensitive positioning",
                                "text": (
                                    "<p>Clients with acute low back pain may not tolerate lying "
                                    "face down. Use side-lying with a pillow between the knees or "
                                    "a supported face-up position, and ask the client to change "
                                    "position slowly. Work on the iliopsoas through the abdomen "
                                    "requires specific training and should be avoided in "
                                    "pregnancy, with abdominal conditions or after recent "
                                    "abdominal surgery.</p>"
                                ),
                            },
                        ),
                        (
                            "heading",
                            {
                                "text": "Supporting recovery",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Encourage gentle activity such as walking, which is widely "
                                "recommended for non-specific back pain. Suggest varying sitting "
                                "positions at work and teach simple stretches for the muscles you "
                                "found tight. Reassure clients that back pain often settles and "
                                "that hurting does not necessarily mean harm.</p>"
                            ),
                        ),
                        (
                            "key_points",
                            {
                                "title": "Key points",
                                "points": [
                                    "Screen for red flags before treating low back pain.",
                                    (
                                        "Common contributors include the quadratus lumborum, "
                                        "erector spinae, gluteals, piriformis and iliopsoas."
                                    ),
                                    (
                                        "Combine trigger point work with stretching, MET and "
                                        "reassessment of marker movements."
                                    ),
                                    (
                                        "Encourage staying active and offer reassurance alongside "
                                        "hands-on care."
                                    ),
                                ],
                            },
                        ),
                        (
                            "references",
                            {
                                "items": [
                                    CHAITOW_DELANY,
                                    TRAVELL_SIMONS,
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "NMT for Neck Pain",
                    "slug": "nmt-for-neck-pain",
                    "summary": (
                        "Screen the neck carefully, assess the key cervical and shoulder girdle "
                        "muscles and treat safely around vulnerable structures."
                    ),
                    "free_preview": False,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>Neck pain often builds slowly through sustained postures, such "
                                "as long hours at a desk or looking down at a phone, and it can "
                                "also follow a sudden strain. It frequently comes with headaches, "
                                "shoulder tension and difficulty turning the head. The neck is "
                                "also a region where caution matters, because important vessels "
                                "and nerves lie close to the muscles you will treat.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Screening the neck",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>In addition to the general red flags, ask about any recent "
                                "head or neck trauma, including whiplash-type injuries. Ask "
                                "whether the client has experienced dizziness, double vision, "
                                "difficulty speaking or swallowing, sudden falls without warning "
                                "or numbness of the face, which may relate to the blood supply to "
                                "the brain. Ask about pain, pins and needles or weakness in the "
                                "arm. A sudden, severe headache unlike any the client has had "
                                "before needs emergency assessment.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "contraindication",
                                "title": "Stop and seek medical help",
                                "text": (
                                    "<p>Do not treat if the client reports a sudden severe "
                                    "headache, new dizziness with visual or speech disturbance, or "
                                    "neck pain after significant trauma that has not been "
                                    "assessed. These may indicate serious vascular or structural "
                                    "problems.</p>"
                                ),
                            },
                        ),
                        (
                            "heading",
                            {
                                "text": "Muscles to assess",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>The upper trapezius and levator scapulae, which lift the "
                                "shoulder blade, often hold tension in people who work at desks. "
                                "The suboccipital muscles at the base of the skull are commonly "
                                "involved in headaches. The sternocleidomastoid on the side of the "
                                "neck can refer pain to the face and head, and the scalenes can "
                                "contribute to arm symptoms by affecting the space through which "
                                "nerves and vessels pass on their way to the arm. Do not overlook "
                                "the pectoral muscles and the upper back, which influence the "
                                "position of the head and shoulders.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Treatment approach",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Work with the client lying face up, which allows the neck "
                                "muscles to relax and lets you control head position. Use gentle "
                                "gliding strokes to assess, then work into the posterior neck "
                                "muscles with your finger pads. Treat the sternocleidomastoid with "
                                "a careful pincer grip, lifting the muscle away from deeper "
                                "structures. Keep pressure on the scalenes light and brief, and "
                                "avoid any pressure in the front of the neck over the carotid "
                                "pulse. Follow with gentle stretches, MET for rotation or side "
                                "bending and positional release for very tender points.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "safety",
                                "title": "Gentle at the neck",
                                "text": (
                                    "<p>Never compress the front of the neck, never combine "
                                    "end-range extension with rotation, and stop immediately if "
                                    "the client feels dizzy or nauseous or notices visual "
                                    "changes.</p>"
                                ),
                            },
                        ),
                        (
                            "heading",
                            {
                                "text": "Self-care",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Review the client's workstation and phone habits, encourage "
                                "regular breaks from sustained postures and teach simple chin "
                                "tucks and gentle stretches they can do during the working day.</p>"
                            ),
                        ),
                        (
                            "key_points",
                            {
                                "title": "Key points",
                                "points": [
                                    (
                                        "Screen the neck for vascular warning signs, trauma and "
                                        "arm symptoms before treating."
                                    ),
                                    (
                                        "Key muscles include the upper trapezius, levator "
                                        "scapulae, suboccipitals, sternocleidomastoid and scalenes."
                                    ),
                                    (
                                        "Work with the client face up, use light pressure near "
                                        "vulnerable structures and never compress the front of the "
                                        "neck."
                                    ),
                                    (
                                        "Support treatment with workstation advice and simple home "
                                        "exercises."
                                    ),
                                ],
                            },
                        ),
                        (
                            "references",
                            {
                                "items": [
                                    CHAITOW_DELANY,
                                    TRAVELL_SIMONS,
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Sports Injuries and Repetitive Strain",
                    "slug": "sports-and-repetitive-strain-injuries",
                    "summary": (
                        "Match NMT to the stage of a sports injury, trace overuse problems through "
                        "the kinetic chain and work alongside the wider care team."
                    ),
                    "free_preview": False,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>Athletes and people whose work involves repeated movements "
                                "share a common problem: tissues loaded more often or more heavily "
                                "than they can adapt to. NMT can help by releasing overworked "
                                "muscles, restoring range and identifying the movement habits that "
                                "keep the problem going. Timing and communication with other "
                                "professionals are especially important with these clients.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Understanding overload",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Tissue adapts to load gradually. When training volume jumps, "
                                "technique or equipment changes, or work demands rise suddenly, "
                                "tissues may be loaded beyond what they can tolerate. Repetitive "
                                "strain problems in the forearm, wrist, shoulder and neck are "
                                "common among people who type, use tools or do assembly work, "
                                "while runners, throwers and racket sport players often develop "
                                "problems around the knee, shoulder or elbow. In both groups, "
                                "trigger points and tight muscles frequently accompany tendon and "
                                "joint irritation.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Acute versus long-standing problems",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>In the first days after an acute injury, such as a muscle "
                                "strain or a ligament sprain, the tissues are inflamed and healing "
                                "is fragile. Direct deep pressure on the injured area is not "
                                "appropriate at this stage. Work on surrounding regions, light "
                                "strokes above the injury directed towards the heart and "
                                "positional release can still help. As healing progresses, "
                                "introduce more specific techniques gradually. With long-standing "
                                "overuse problems, NMT can address trigger points and fascial "
                                "restrictions more directly, combined with changes to the activity "
                                "that caused them.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "contraindication",
                                "title": "Acute injury precautions",
                                "text": (
                                    "<p>Do not apply deep pressure or stretching to a recently "
                                    "injured area that shows heat, swelling, bruising or severe "
                                    "pain. Suspected fractures, complete tears, joint instability "
                                    "and any head injury require medical assessment first.</p>"
                                ),
                            },
                        ),
                        (
                            "heading",
                            {
                                "text": "Practical approach",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Assess the whole kinetic chain, not only the painful area. A "
                                "wrist problem in a keyboard user may be linked to neck and "
                                "shoulder tension and to the workstation setup; a knee problem in "
                                "a runner may be influenced by the hip muscles and foot mechanics. "
                                "Treat trigger points in the forearm extensors and flexors, the "
                                "shoulder girdle or the hip and thigh muscles as your assessment "
                                "indicates, and use MET and stretching to restore range.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Working with the wider team",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Athletes and workers often see coaches, physiotherapists, "
                                "sports medicine physicians or occupational health staff. With the "
                                "client's consent, share your findings and fit your treatment into "
                                "their plan, particularly around competition or a return to work. "
                                "Avoid very deep work just before competition, when the athlete "
                                "needs muscles that feel responsive rather than heavy or sore.</p>"
                            ),
                        ),
                        (
                            "key_points",
                            {
                                "title": "Key points",
                                "points": [
                                    (
                                        "Sports and repetitive strain injuries usually reflect "
                                        "load exceeding the tissue's capacity to adapt."
                                    ),
                                    (
                                        "Avoid deep pressure on acute injuries and progress "
                                        "techniques as healing advances."
                                    ),
                                    (
                                        "Assess the whole kinetic chain and address the activity "
                                        "that drives the problem."
                                    ),
                                    (
                                        "Coordinate with coaches, therapists and physicians where "
                                        "appropriate."
                                    ),
                                ],
                            },
                        ),
                        (
                            "references",
                            {
                                "items": [
                                    CHAITOW_DELANY,
                                    TRAVELL_SIMONS,
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Supporting Orthopaedic Rehabilitation",
                    "slug": "supporting-orthopaedic-rehabilitation",
                    "summary": (
                        "Match NMT to the stage of healing after fractures and surgery, respect "
                        "medical precautions and address compensatory tension."
                    ),
                    "free_preview": False,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>After fractures, joint replacements, ligament repairs and "
                                "other orthopaedic procedures, clients often face stiffness, "
                                "muscle guarding and altered movement long after the bone or joint "
                                "has healed. NMT can play a supporting role in rehabilitation by "
                                "easing protective tension, reducing trigger point activity and "
                                "helping restore comfortable movement. It works best as part of a "
                                "plan led by the client's medical and rehabilitation team.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Understanding the stage of healing",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Healing follows broadly predictable stages: an early "
                                "inflammatory phase, a repair phase in which new tissue is laid "
                                "down, and a longer remodelling phase in which that tissue "
                                "strengthens and organises along lines of stress. Your techniques "
                                "should match the stage. Early on, work away from the surgical or "
                                "injured site and use gentle techniques that help the client "
                                "relax. Later, once the surgeon or rehabilitation therapist "
                                "confirms that healing allows it, you can work closer to the area "
                                "and more specifically.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Communication and precautions",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Ask the client for details of the injury or procedure, the "
                                "date, any movement restrictions and what their surgeon or "
                                "physiotherapist has advised. Some procedures carry specific "
                                "precautions; for example, certain hip replacements limit "
                                "particular combinations of bending and rotation for a period "
                                "after surgery. Respect these limits when positioning and "
                                "stretching. Where possible, and with consent, coordinate with the "
                                "rehabilitation team so that your work supports their exercise "
                                "programme.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "contraindication",
                                "title": "Post-surgical warning signs",
                                "text": (
                                    "<p>Do not treat over an incision that has not fully healed. "
                                    "Watch for signs of infection, such as increasing redness, "
                                    "heat, discharge or fever, and for signs of a blood clot, such "
                                    "as a swollen, warm, painful calf or sudden breathlessness. "
                                    "Refer urgently if any of these appear.</p>"
                                ),
                            },
                        ),
                        (
                            "heading",
                            {
                                "text": "Where NMT helps",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Compensatory tension is common after orthopaedic problems. "
                                "People who have limped or guarded a limb for weeks may develop "
                                "trigger points in the opposite hip, the lower back or the "
                                "shoulder girdle, and treating these areas can make rehabilitation "
                                "exercises more comfortable. Around the healed area, gentle "
                                "myofascial release may help the tissues regain glide once the "
                                "scar is mature and the team agrees. MET can support the gains in "
                                "range the client is working towards in rehabilitation.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Setting expectations",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Progress after orthopaedic injury is often gradual. Set "
                                "realistic functional goals with the client, record measurable "
                                "changes such as range of motion and comfort during specific "
                                "activities, and acknowledge progress while staying honest about "
                                "what massage can and cannot contribute.</p>"
                            ),
                        ),
                        (
                            "key_points",
                            {
                                "title": "Key points",
                                "points": [
                                    (
                                        "Match techniques to the stage of tissue healing and work "
                                        "within medical restrictions."
                                    ),
                                    (
                                        "Gather details of the injury or procedure and any "
                                        "precautions before treating."
                                    ),
                                    (
                                        "Address compensatory tension and trigger points away from "
                                        "the injured area."
                                    ),
                                    (
                                        "Coordinate with the rehabilitation team and set realistic "
                                        "functional goals."
                                    ),
                                ],
                            },
                        ),
                        (
                            "references",
                            {
                                "items": [
                                    CHAITOW_DELANY,
                                    MUSCULOSKELETAL_KEY,
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Working with Clients Who Have Fibromyalgia",
                    "slug": "working-with-fibromyalgia",
                    "summary": (
                        "Adapt NMT for clients with heightened pain sensitivity, avoid provoking "
                        "flares and support the whole person."
                    ),
                    "free_preview": False,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>Fibromyalgia is a long-term condition marked by widespread "
                                "pain, fatigue, disturbed sleep and often difficulty with "
                                "concentration and memory. It is diagnosed by a medical "
                                "practitioner, not by a massage therapist. Current understanding "
                                "points to changes in the way the nervous system processes pain, "
                                "which makes many people with fibromyalgia highly sensitive to "
                                "pressure. Adapted carefully, NMT can be a useful part of their "
                                "care.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Why the usual approach needs adapting",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Standard NMT intensity can overwhelm a sensitised nervous "
                                "system and set off a flare that lasts for days. For clients with "
                                "fibromyalgia, the aim shifts away from deactivating every trigger "
                                "point and towards lowering overall sensitivity, easing specific "
                                "areas of tension and helping the client relax and sleep better. "
                                "Less is frequently more.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Practical guidelines",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Start with short sessions and light pressure, and increase "
                                "them only if the client responds well. Focus on a few key areas "
                                "rather than the whole body. Use broad, slow, predictable strokes, "
                                "positional release and gentle myofascial techniques rather than "
                                "strong trigger point compression. When you do address a trigger "
                                "point, use lighter pressure and shorter holds than you would with "
                                "other clients. Ask for feedback often and make it easy for the "
                                "client to say stop.</p><p>Schedule sessions for times when the "
                                "client is not already exhausted, and keep the room warm and calm. "
                                "After the first session, check in about how the client felt over "
                                "the next day or two and use that information to set the intensity "
                                "for the following visit.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "safety",
                                "title": "Avoid triggering a flare",
                                "text": (
                                    "<p>Overtreatment is the most common mistake with these "
                                    "clients. If the client reports a marked increase in pain or "
                                    "fatigue after a session, reduce the pressure, the duration "
                                    "and the number of areas treated next time. Never push through "
                                    "pain.</p>"
                                ),
                            },
                        ),
                        (
                            "heading",
                            {
                                "text": "Supporting the whole person",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Living with persistent pain affects mood, work and "
                                "relationships. Listen without judgement and acknowledge the "
                                "client's experience. Encourage them to follow their medical "
                                "team's guidance, including any graded activity programme, and "
                                "avoid suggesting that massage alone will resolve the condition. "
                                "Clear, modest goals, such as sleeping better on the night after "
                                "treatment or moving more easily in the morning, help both of you "
                                "judge whether the work is helping.</p>"
                            ),
                        ),
                        (
                            "key_points",
                            {
                                "title": "Key points",
                                "points": [
                                    (
                                        "Fibromyalgia involves widespread pain, fatigue and sleep "
                                        "disturbance, and it is diagnosed medically."
                                    ),
                                    (
                                        "Many clients have heightened sensitivity to pressure, so "
                                        "NMT must be adapted."
                                    ),
                                    (
                                        "Use short sessions, light pressure, few areas and gentle "
                                        "techniques, then progress slowly."
                                    ),
                                    (
                                        "Listen, acknowledge the client's experience and set "
                                        "realistic, shared goals."
                                    ),
                                ],
                            },
                        ),
                        (
                            "references",
                            {
                                "items": [
                                    CHAITOW_DELANY,
                                    MUSCULOSKELETAL_KEY,
                                ],
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Safe and Professional Practice",
            "slug": "safe-and-professional-practice",
            "summary": (
                "Decide when to treat, adapt or refer, and keep the records and treatment plans "
                "that support safe, accountable NMT."
            ),
            "lessons": [
                {
                    "title": "Contraindications and When to Refer",
                    "slug": "contraindications-and-referral",
                    "summary": (
                        "Distinguish conditions that rule out treatment, those that exclude a "
                        "local area and those that need adaptation, and make clear, "
                        "well-documented referrals."
                    ),
                    "free_preview": False,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>NMT demands a solid understanding of anatomy, physiology and "
                                "the way nerves and muscles interact, and part of that "
                                "understanding is knowing when not to treat. Deciding whether to "
                                "proceed, adapt or refer protects your clients and your "
                                "professional standing. It is a core competency, not an "
                                "afterthought, and it applies at every session, not only the "
                                "first.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Full and local contraindications",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Some conditions mean you should not treat at all until the "
                                "situation has been medically resolved or cleared. Examples "
                                "include fever or an acute systemic infection, a suspected deep "
                                "vein thrombosis, any sign of a medical emergency, and symptoms "
                                "suggesting compression of the nerves at the base of the spine or "
                                "a problem with the blood supply to the brain. Other conditions "
                                "are local contraindications: you can treat the rest of the body "
                                "but must avoid a specific area. These include open wounds, acute "
                                "inflammation, recent fractures, burns, contagious skin "
                                "conditions, varicose veins and recent surgical sites.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Conditions that need adaptation",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Many clients can receive NMT safely with modifications. "
                                "Clients taking anticoagulant medicines bruise more easily and "
                                "need lighter pressure. Osteoporosis calls for gentle pressure "
                                "over bone, especially the ribs and spine. Diabetes may reduce "
                                "sensation in the feet, making feedback less reliable. Pregnancy "
                                "requires suitable positioning and the avoidance of deep work in "
                                "certain areas, ideally by a therapist with specific training. "
                                "Clients with a history of cancer may benefit from massage, but "
                                "treatment should be planned with their medical team by a "
                                "practitioner with suitable training.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "contraindication",
                                "title": "Do not treat",
                                "text": (
                                    "<p>Do not proceed when a client has a fever, signs of a blood "
                                    "clot, unexplained neurological changes or symptoms of a "
                                    "medical emergency such as chest pain with breathlessness. "
                                    "Help them seek appropriate medical care and document what you "
                                    "did.</p>"
                                ),
                            },
                        ),
                        (
                            "heading",
                            {
                                "text": "Making a good referral",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Referral is not failure; it is part of professional care. "
                                "Explain your concern calmly and without alarming language, "
                                "describing what you observed rather than suggesting a diagnosis. "
                                "Make the urgency clear: emergency services, a same-day "
                                "appointment or a routine visit. Offer written notes if helpful "
                                "and, with the client's consent, share relevant findings with the "
                                "other professional. Record the referral in your notes.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Scope of practice",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Massage therapists assess soft tissue and function, but they "
                                "do not diagnose medical conditions or prescribe medicines. Stay "
                                "within the scope defined by your licensing authority and avoid "
                                "claims about curing disease. If a client's needs fall outside "
                                "your training, say so and help them find someone qualified.</p>"
                            ),
                        ),
                        (
                            "key_points",
                            {
                                "title": "Key points",
                                "points": [
                                    (
                                        "Distinguish conditions that prevent treatment, those that "
                                        "exclude a local area and those that need adaptation."
                                    ),
                                    (
                                        "Stop and refer urgently for signs of an emergency, a "
                                        "blood clot or progressive neurological change."
                                    ),
                                    (
                                        "Describe observations rather than diagnoses when "
                                        "referring, and document the referral."
                                    ),
                                    "Practise within the scope set by your licensing authority.",
                                ],
                            },
                        ),
                        (
                            "references",
                            {
                                "items": [
                                    CHAITOW_DELANY,
                                    MUSCULOSKELETAL_KEY,
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Documentation and Treatment Planning",
                    "slug": "documentation-and-treatment-planning",
                    "summary": (
                        "Obtain informed consent, write clear SOAP notes and build goal-based "
                        "treatment plans with measurable outcomes."
                    ),
                    "free_preview": False,
                    "body": [
                        (
                            "paragraph",
                            (
                                "<p>Good records are the backbone of safe, effective NMT. They "
                                "allow you to track progress, explain your choices, communicate "
                                "with other professionals, meet the expectations of regulators and "
                                "insurers and protect yourself if questions arise later. They also "
                                "make you a better therapist, because writing findings down forces "
                                "you to think clearly about what you observed and why you chose "
                                "each technique.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Intake and consent",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Before the first session, collect a health history that covers "
                                "conditions, medicines, operations and the client's goals. Explain "
                                "what NMT involves, including the possibility of temporary "
                                "discomfort or soreness, and obtain informed consent. Make it "
                                "clear that the client can ask you to change the pressure or stop "
                                "at any time. Update the health history regularly and note any "
                                "changes at each visit.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "SOAP notes",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Many therapists use the SOAP format:</p><ul><li>Subjective: "
                                "what the client reports, such as pain location, intensity, "
                                "behaviour and goals.</li><li>Objective: what you observe and "
                                "measure, including posture, movement and palpation findings and "
                                "the techniques you applied.</li><li>Assessment: your "
                                "interpretation of the findings and how the client responded to "
                                "treatment, such as changes in range or tenderness.</li><li>Plan: "
                                "what you intend to do next, including the focus of the next "
                                "session, the self-care you recommended and any "
                                "referral.</li></ul><p>Write notes promptly after each session in "
                                "clear, professional language. Avoid diagnostic terms you are not "
                                "qualified to use, and record facts rather than personal opinions "
                                "about the client.</p>"
                            ),
                        ),
                        (
                            "heading",
                            {
                                "text": "Building a treatment plan",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>A treatment plan states the client's functional goals, the "
                                "main findings related to them, the approach you intend to use, "
                                "the expected frequency and number of sessions and the point at "
                                "which you will review progress. Share the plan with the client "
                                "and agree it together. At each review, compare current findings "
                                "with the baseline. If progress stalls, reconsider your working "
                                "picture, adjust your techniques or refer.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "safety",
                                "title": "Confidentiality and storage",
                                "text": (
                                    "<p>Client records contain sensitive health information. Store "
                                    "them securely, share them only with the client's consent or "
                                    "where the law requires it, and keep them for the period your "
                                    "jurisdiction specifies.</p>"
                                ),
                            },
                        ),
                        (
                            "heading",
                            {
                                "text": "Measuring outcomes",
                                "level": "h2",
                            },
                        ),
                        (
                            "paragraph",
                            (
                                "<p>Choose a few measures that matter to the client and are easy "
                                "to repeat, such as a pain rating during a specific activity, the "
                                "range of a key movement or how long they can sit comfortably. "
                                "Consistent measurement turns general impressions into evidence "
                                "you can share.</p>"
                            ),
                        ),
                        (
                            "key_points",
                            {
                                "title": "Key points",
                                "points": [
                                    (
                                        "Records support safe care, communication, professional "
                                        "accountability and your own clinical reasoning."
                                    ),
                                    (
                                        "Obtain informed consent and keep the health history up to "
                                        "date."
                                    ),
                                    (
                                        "Use SOAP notes to record subjective reports, objective "
                                        "findings, assessment and plan."
                                    ),
                                    (
                                        "Build plans around functional goals and review them "
                                        "against measurable outcomes."
                                    ),
                                ],
                            },
                        ),
                        (
                            "references",
                            {
                                "items": [
                                    CHAITOW_DELANY,
                                    MUSCULOSKELETAL_KEY,
                                ],
                            },
                        ),
                    ],
                },
            ],
        },
    ],
}
