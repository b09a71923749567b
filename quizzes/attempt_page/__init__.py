"""The open attempt's question page as a plain Django view in front of quizzes.views.attempt_view.

Why: the ORM reads, the template engine and the question displays cost the page about ten
times a bare Django view's CPU (issue 19). This path answers the common case, a learner
opening a page of their own open attempt with nothing unusual pending, from one read of the
attempt and its slots, question versions kept per worker (they never change), the gate's one
query, and a page shell made once per quiz and content generation and filled in without the
template engine. Everything else (POST, visitors, admins, messages pending, an attempt that is
closed or past its deadline, a lock, the content cache off) goes to attempt_view, which stays
the reference: the page served here must be byte for byte the one it would serve
(tests/quizzes/test_attempt_page.py).
"""
