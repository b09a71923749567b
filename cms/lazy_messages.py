"""Django's MessageMiddleware, opening the message storage only when a request uses it.

Why: Django builds the storage (a cookie store and a session store behind it) on every request
and asks it to save on every response. Autosave, the quiz page and most requests of a learner
never read or add a message, and those two steps were a tenth of what a bare Django view costs
in all (issue 19). A storage that was never read or added to saves nothing
(BaseStorage.update), so leaving it unbuilt changes nothing: a message waiting in the cookie or
the session stays there for the next page that shows messages.
"""

from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.utils.functional import SimpleLazyObject, empty


class LazyMessageMiddleware(MessageMiddleware):
    def process_request(self, request):
        request._messages = SimpleLazyObject(lambda: default_storage(request))

    def process_response(self, request, response):
        messages = request.__dict__.get("_messages")
        if type(messages) is SimpleLazyObject and messages._wrapped is empty:
            return response
        return super().process_response(request, response)
