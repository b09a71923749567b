"""The site's URL resolver, remembering what each path resolved to in this worker.

Why: Django tries the URL patterns in order on every request. A lesson goes to Wagtail's
catch-all, so it is matched against every pattern before it (about 60 on the lesson, 30 on a
quiz page): 25-40 microseconds a request, a tenth of what a bare Django view costs in all
(issue 19). A path resolves to the same view and arguments for as long as the URLconf is loaded
(no i18n prefixes, no converters that read the database), so the answer can be kept.

Only successful matches are kept (a 404 is resolved afresh), at most MAX_PATHS of them: any
path matches the catch-all, so a crawler of random URLs only empties the memo. Each request
gets its own copy of the match, so nothing one view sets on it reaches the next. A test that
swaps the URLconf gets a new resolver, which this does not wrap.
"""

from django.urls import get_resolver

MAX_PATHS = 4096


def install() -> None:
    resolver = get_resolver()
    if getattr(resolver, "_memo_installed", False):
        return
    resolve = resolver.resolve
    memo: dict[str, object] = {}

    def remembered_resolve(path):
        match = memo.get(path)
        if match is None:
            match = resolve(path)
            if len(memo) >= MAX_PATHS:
                memo.clear()
            memo[path] = match
        # ResolverMatch refuses copy.copy (it cannot be pickled); its state is its __dict__.
        fresh = object.__new__(type(match))
        fresh.__dict__.update(match.__dict__)
        fresh.kwargs = dict(match.kwargs)
        return fresh

    resolver.resolve = remembered_resolve
    resolver._memo_installed = True
