"""Link a login to its employee record when the login gets a role in the agency."""

from django.db.models.signals import post_save

from binaasn.core.models import Membership


def link_login_on_membership(sender, instance, created, raw=False, **kwargs):
    """A new membership whose username is an employee's NIP in that agency links the two."""
    if not created or raw:
        return
    from .services import link_login_for_membership

    link_login_for_membership(instance)


def connect():
    post_save.connect(
        link_login_on_membership, sender=Membership, dispatch_uid="people_link_login_on_membership"
    )
