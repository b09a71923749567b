"""The instructor dashboard: one course's enrolments, progress, quiz results, feedback and revenue.

Who sees what (the school pages' rule, records/school_views.py): staff and the school's
admins, instructors and reviewers may open the pages; anyone else gets a 404, so the pages do
not reveal which schools or courses exist, and a course of another school is a 404 too.

- Reviewers (an accreditor checking a course) read the aggregate sections and the student
  pages, and may download the aggregate CSVs (enrolments, funnel, quizzes): counts, no person.
  They do not see revenue, and the CSVs holding learners' personal data (students) or money
  (revenue) answer them 403, as the register's CSV does.
- Admins, instructors and staff also see revenue and download every CSV; the links to the
  quiz tools (item analysis, grading an attempt) are shown only to them, the quiz app's rule.
- Seat pools are linked for school admins and staff, who manage them.

Every page runs a fixed number of queries whatever the number of enrolments, lessons and
attempts: the counts are aggregated in SQL, pinned in tests/teaching/test_dashboard.py.
Learners are counted only while they have an enrolment on the course (staff previewing a quiz
are not learners), and the evaluation results stay anonymous: no page ties a response to a
learner.
"""
