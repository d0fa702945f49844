"""Searches by name or NIP without putting them in URLs (DOMAIN.md: NIPs are personal data).

A search form is posted; the search text stays in the session under a random token, and the
list is redirected to a URL carrying only the token and the other filters, so pagination,
sorting and the Excel export keep working while the NIP never reaches a URL or an access log.
"""

import secrets

from django.http import QueryDict
from django.shortcuts import redirect

TOKEN_PARAM = "cari"
KEEP_TOKENS = 20


def search_redirect(request, session_key, text_field="q"):
    """Turn a posted filter form into a GET URL with the search text replaced by a token."""
    query = QueryDict(mutable=True)
    for key, values in request.POST.lists():
        if key in ("csrfmiddlewaretoken", text_field, "page", TOKEN_PARAM):
            continue
        cleaned = [value for value in values if value != ""]
        if cleaned:
            query.setlist(key, cleaned)
    text = request.POST.get(text_field, "").strip()
    if text:
        token = secrets.token_urlsafe(6)
        searches = request.session.get(session_key, {})
        searches[token] = text
        # Keep the latest few, so old tabs still work but the session stays small.
        request.session[session_key] = dict(list(searches.items())[-KEEP_TOKENS:])
        query[TOKEN_PARAM] = token
    url = request.path
    return redirect(f"{url}?{query.urlencode()}" if query else url)


def filter_data(request, session_key, text_field="q"):
    """The list's filter values: the GET parameters, with the search text behind its token."""
    data = request.GET.copy()
    data.pop(text_field, None)
    token = data.pop(TOKEN_PARAM, [None])[0]
    if token:
        text = request.session.get(session_key, {}).get(token)
        if text:
            data[text_field] = text
    return data
