"""The records room in the Wagtail admin (staff): every school's tracking-system accounts."""
