"""Demo course: NMT in 30 Minutes (free introductory course).

Sample educational content, not clinical advice. Written in demo/content/nmt-in-30-minutes/.
"""

from demo.content_files import course

COURSE = course("nmt-in-30-minutes")
