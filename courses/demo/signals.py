from django.dispatch import Signal

# Sent at the end of courses.demo.loader.demo_load(), inside its transaction, so apps that
# courses must not import (quizzes) can add their demo content: sender=DemoReport's class,
# report=the DemoReport, to which receivers append what they created or updated.
demo_loaded = Signal()
