class QuestionFileError(ValueError):
    """A question file that cannot be imported, with the line where the problem is."""

    def __init__(self, line: int, reason: str):
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


class GiftSyntaxError(QuestionFileError):
    pass


class MoodleXmlError(QuestionFileError):
    pass
