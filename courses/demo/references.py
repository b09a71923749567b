"""Works the demo lessons cite, written once and shared by both demo courses."""


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
CHAITOW_MODERN = _cite("Chaitow L. Modern Neuromuscular Techniques.")
MYOPAIN_HISTORY = _cite(
    "Myopain Solutions. History of neuromuscular therapy. myopainsolutions.com (web page)."
)
HOWARD_EVANS = _cite("howardevans.co.uk. Article on Dewanchand Varma and Stanley Lief (web page).")
VARMA = _cite("Varma D. The Human Machine and Its Forces.")
