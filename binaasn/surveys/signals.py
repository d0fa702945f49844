"""Hooks other apps connect to.

``response_submitted`` is sent inside the transaction that stores a response (so a receiver's
writes commit or roll back with it), with ``questionnaire``, ``response`` and ``created``
(False when an invitee changed an earlier response)::

    from django.dispatch import receiver
    from binaasn.surveys.signals import response_submitted

    @receiver(response_submitted)
    def on_response(sender, questionnaire, response, created, **kwargs):
        if questionnaire.purpose == "reaction":
            ...

``questionnaire_closed`` is sent after a questionnaire is closed, with ``questionnaire``.
"""

from django.dispatch import Signal

response_submitted = Signal()
questionnaire_closed = Signal()
