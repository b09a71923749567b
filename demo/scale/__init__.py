"""A realistic data set at scale, built for `manage.py seed_scale --learners N --attempts M`.

Pages (school sections, courses of 5 modules x 4 lessons, a quiz per module and a final
assessment) are made as an author makes them: Wagtail's add_child and one published revision
each, questions through question_create (courses.py, schools.py). The rows that grow with
learners (users, enrolments, lesson visits, submitted attempts and their slots, evaluations,
certificates) are written in bulk, a chunk of learners at a time (learners.py, activity.py,
attempts.py, certificates.py, through rows.py), so 100,000 learners and 1,000,000 attempts take
minutes and a flat amount of memory. Every row is consistent with what the services would have
written: graded slots, attempt totals, completion dates, certificate numbers and snapshots in
the shape certificates/snapshot.py builds.

One random generator, in plans.Run, drives every choice: the modules draw from it in a fixed
order, so the same arguments give the same data.
"""
