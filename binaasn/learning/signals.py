"""Hooks other apps connect to.

``offering_finished`` is sent once the transaction that finishes an offering has committed,
with ``offering`` and ``by`` (the user who finished it). Evaluation connects to it to send the
participants their reaction questionnaire.
"""

from django.dispatch import Signal

offering_finished = Signal()
