from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect


def flash_error(request, error):
    for message in getattr(error, "messages", [str(error)]):
        messages.error(request, message)


def flash_warnings(request, warnings):
    for warning in warnings:
        messages.warning(request, warning)


def run_action(request, action, success_message, redirect_to):
    """Run a service from a POST-only view: a refusal becomes a message, never a 500."""
    try:
        result = action()
    except ValidationError as error:
        flash_error(request, error)
    else:
        if success_message:
            messages.success(
                request,
                success_message if not callable(success_message) else success_message(result),
            )
    return redirect(redirect_to)
