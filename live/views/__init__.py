"""Live sessions' pages: instructors schedule sessions and show the check-in and check-out QR
codes (sessions), record attendance by hand and export it (sessions, attendance_export), sign
off practical skills (skills); learners check themselves in by the code (checkin).

Who may do what: a course's sessions, rosters and sign-offs are for staff and the admins and
instructors of the course's school (live.selectors.managed_course / managed_session); anyone
else gets a 404, as if the course had none. Checking in is for the learner, enrolled and
active, holding a code that is still valid.
"""
