"""Prints the demo courses' figures from the loaded content, for the README (issue 17):
modules, lessons, quizzes and the final assessment's questions of each demo course.

    .venv/bin/python manage.py load_demo && .venv/bin/python manage.py demo_figures
"""

from django.core.management.base import BaseCommand

from demo.figures import demo_figures


class Command(BaseCommand):
    help = "Print the demo courses' modules, lessons and final-assessment questions."

    def handle(self, *args, **options):
        for figures in demo_figures():
            self.stdout.write(figures.sentence())
