"""Which learning objectives of the demo NMT course each demo question tests.

Numbers are positions in demo.courses.nmt_course.COURSE["learning_objectives"], from 1:
1 origins and the two versions, 2 nerve-muscle relationship, trigger points and ischaemia,
3 red flags and referral, 4 structured assessment, 5 techniques, 6 clinical adaptations,
7 contraindications, 8 SOAP notes and treatment plans. Questions not listed (general points
about qualifications and outcomes) test no single objective and stay untagged.
"""

QUESTION_OBJECTIVES: dict[str, tuple[int, ...]] = {
    # Module 1: origins
    "nmt-m1-varma": (1,),
    "nmt-m1-versions": (1,),
    "nmt-m1-europe-year": (1,),
    "nmt-m1-people": (1,),
    "nmt-m1-american-lineage": (1,),
    # Module 2: principles
    "nmt-m2-core-idea": (2,),
    "nmt-m2-causes": (2,),
    "nmt-m2-symptoms": (2,),
    "nmt-m2-relationship": (2,),
    "nmt-m2-trigger-point": (2,),
    # Module 3: assessment
    "nmt-m3-assess-what": (4,),
    "nmt-m3-american-first": (1, 4),
    "nmt-m3-plan": (4,),
    "nmt-m3-both-versions": (1, 2),
    "nmt-m3-american-steps": (4,),
    # Module 4: techniques
    "nmt-m4-ischaemic": (5,),
    "nmt-m4-pressure-effects": (5,),
    "nmt-m4-methods": (5,),
    "nmt-m4-counterstrain": (5,),
    "nmt-m4-trapezius-hotspot": (5,),
    # Module 5: clinical applications
    "nmt-m5-conditions": (6,),
    "nmt-m5-fibro": (6,),
    "nmt-m5-ortho": (6,),
    "nmt-m5-volumes": (6,),
    "nmt-m5-rsi": (6,),
    # Final assessment's own questions
    "nmt-final-pranotherapy": (1,),
    "nmt-final-leon-relation": (1,),
    "nmt-final-boris-cousin": (1,),
    "nmt-final-travell": (1, 2),
    "nmt-final-palmer-year": (1,),
    "nmt-final-techniques": (5,),
    "nmt-final-versions": (1,),
    "nmt-final-peter-lief": (1,),
    "nmt-final-tring": (1,),
    "nmt-final-st-john": (1,),
    "nmt-final-lief-life": (1,),
    "nmt-final-red-flags": (3,),
    "nmt-final-contraindication-kinds": (7,),
    "nmt-final-soap-order": (8,),
    "nmt-final-saddle-numbness": (3, 7),
    "nmt-final-plan-contents": (8,),
}
