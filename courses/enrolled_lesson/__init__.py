"""The enrolled learner's lesson page as a plain Django view, ahead of Wagtail's catch-all.

Why: Wagtail's serve chain, the ORM and the template engine cost an enrolled learner's lesson
page about fifty times a bare Django view's CPU (issue 19). This path answers the common case,
a learner with an active enrolment opening a live, unrestricted, unlocked lesson, from a
lesson URL map and a page shell made once per content generation, one query of the
learner's facts, and a visit count batched per worker. Everything else (visitors, staff,
school members, previews, locks, prerequisites, restricted pages, messages, query strings)
goes to Wagtail's LessonPage.serve, which stays the reference: the page served here must be
the one it would serve (tests/courses/test_enrolled_lesson.py).
"""
