from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from quizzes.admin_views.banks import BankViewSet
from quizzes.admin_views.base import BANKS, CATEGORIES, QUESTIONS
from quizzes.admin_views.categories import CategoryViewSet
from quizzes.admin_views.permissions import SchoolScopedPolicy
from quizzes.admin_views.questions import QuestionViewSet
from quizzes.models import Question, QuestionBank, QuestionCategory

register_permission_policy(QuestionBank, SchoolScopedPolicy(QuestionBank, school_lookup="school"))
register_permission_policy(
    QuestionCategory, SchoolScopedPolicy(QuestionCategory, school_lookup="bank__school")
)
register_permission_policy(Question, SchoolScopedPolicy(Question, school_lookup="bank__school"))


class QuestionBanksGroup(ModelViewSetGroup):
    menu_label = "Question banks"
    menu_icon = "help"
    menu_order = 220
    items = (
        BankViewSet(BANKS, url_prefix="question-banks"),
        CategoryViewSet(CATEGORIES, url_prefix="question-categories"),
        QuestionViewSet(QUESTIONS, url_prefix="questions"),
    )


@hooks.register("register_admin_viewset")
def register_question_banks():
    return QuestionBanksGroup()
