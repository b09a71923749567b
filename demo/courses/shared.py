"""What both demo courses share: the works their lessons cite and their instructor."""


def _cite(citation: str) -> dict:
    return {"citation": citation, "url": ""}


CHAITOW_DELANY = _cite(
    "Chaitow L., DeLany J. Clinical Application of Neuromuscular Techniques (2 volumes)."
)
MUSCULOSKELETAL_KEY = _cite(
    "Musculoskeletal Key. Introduction to NMT (from Chaitow L., DeLany J., Clinical "
    "Application of Neuromuscular Techniques). musculoskeletalkey.com (web page)."
)
TRAVELL_SIMONS = _cite(
    "Travell J., Simons D. Myofascial Pain and Dysfunction: The Trigger Point Manual."
)
# The evidence behind the claims made for ischaemic compression: short-term effect on
# tenderness (Fernández-de-las-Peñas), and the trigger point model questioned (Quintner).
FERNANDEZ_2006 = _cite(
    "Fernández-de-las-Peñas C., Alonso-Blanco C., Fernández-Carnero J., Miangolarra-Page J.C. "
    "The immediate effect of ischemic compression technique and transverse friction massage on "
    "tenderness of active and latent myofascial trigger points: a pilot study. Journal of "
    "Bodywork and Movement Therapies 2006;10(1):3-9."
)
QUINTNER_2015 = _cite(
    "Quintner J.L., Bove G.M., Cohen M.L. A critical evaluation of the trigger point "
    "phenomenon. Rheumatology 2015;54(3):392-399."
)
CHAITOW_MODERN = _cite("Chaitow L. Modern Neuromuscular Techniques.")
MYOPAIN_HISTORY = _cite(
    "Myopain Solutions. History of neuromuscular therapy. myopainsolutions.com (web page)."
)
HOWARD_EVANS = _cite("howardevans.co.uk. Article on Dewanchand Varma and Stanley Lief (web page).")
VARMA = _cite("Varma D. The Human Machine and Its Forces.")

DEMO_INSTRUCTOR = {
    "name": "Dana Whitfield",
    "credentials": "LMT, BCTMB",
    "bio": (
        "Dana Whitfield is a fictional instructor created for the NMT Academy demonstration "
        "courses; any resemblance to a real person is coincidental. In this demo, Dana is "
        "portrayed as a licensed massage therapist whose practice centres on neuromuscular "
        "therapy for neck and back pain, and who enjoys helping newer therapists build careful "
        "assessment habits and safe, confident hands."
    ),
}
