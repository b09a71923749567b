from django.core.exceptions import ValidationError
from django.db import models

CATEGORY_PARENT_OTHER_BANK = "A category's parent must belong to the same bank."
CATEGORY_PARENT_CYCLE = "A category cannot be its own ancestor."


class QuestionBank(models.Model):
    """A school's pool of questions, from which its quizzes draw."""

    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="question_banks"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "name"], name="quizzes_bank_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class QuestionCategory(models.Model):
    """A folder of questions inside a bank; categories nest, as in Moodle."""

    bank = models.ForeignKey(QuestionBank, on_delete=models.CASCADE, related_name="categories")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    name = models.CharField(max_length=255)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "question categories"
        constraints = [
            # NULL parents are distinct in a plain unique constraint, hence the two halves.
            models.UniqueConstraint(
                fields=["bank", "name"],
                condition=models.Q(parent__isnull=True),
                name="quizzes_category_unique_top_name",
            ),
            models.UniqueConstraint(
                fields=["bank", "parent", "name"],
                condition=models.Q(parent__isnull=False),
                name="quizzes_category_unique_child_name",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent_id is None:
            return
        if self.parent.bank_id != self.bank_id:
            raise ValidationError({"parent": CATEGORY_PARENT_OTHER_BANK})
        ancestor = self.parent
        while ancestor is not None:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError({"parent": CATEGORY_PARENT_CYCLE})
            ancestor = ancestor.parent

    @property
    def path(self) -> str:
        """Names from the top category down, joined with "/" (one query per level)."""
        names = []
        node = self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return "/".join(reversed(names))
