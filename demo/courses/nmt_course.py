"""Demo course: Neuromuscular Therapy: Foundations and Clinical Practice.

Sample educational content, not clinical advice. Written in demo/content/nmt-foundations/.
"""

from demo.content_files import course

COURSE = course("nmt-foundations")
