"""Demo course: NMT Case Studies (free; requires the Foundations course, and its second module
opens seven days after a learner enrols).

Sample educational content, not clinical advice. Written in demo/content/nmt-case-studies/.
"""

from demo.content_files import course

COURSE = course("nmt-case-studies")
