"""Demo questions GIFT cannot express (ordering, an image hotspot), from demo/content/questions.

Each entry is keyed to the module slug (or "final") whose quiz it belongs to. The hotspot's
"image" is filled in by the loader with the id of the generated diagram.
"""

from demo.content_files import extra_questions

EXTRA_QUESTIONS = extra_questions()
