"""Django's ModelBackend, reading a staff member's permissions in one statement.

Django reads the permissions given to the user and those of their groups with two
ORM queries on every staff request that checks one (the door's scan is one, and the
most frequent): 1.2 ms of the web process's CPU, nearly all of it building the
queries. The same set, read with one statement written as SQL: 0.13 ms. Superusers,
inactive users and object permissions go through Django's own code.

The set is then kept for a minute in the process (intersessional/memo.py): a scan at
the door is one statement shorter. A permission or group taken from someone is
forgotten at once in the process that saved the change (m2m_changed, below) and
within the minute in the others; a user made inactive, or whose password changed, is
refused at once, as Django reads the user on every request.
"""

from functools import cache

from django.contrib.auth import backends, get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connections, router
from django.db.models.signals import m2m_changed

from . import memo


@cache
def _permissions_sql(alias: str) -> str:
    """The statement, with the tables and columns of the models (the user's twice)."""
    quote = connections[alias].ops.quote_name
    user_permissions = get_user_model()._meta.get_field("user_permissions")
    user_groups = get_user_model()._meta.get_field("groups")
    group_permissions = Group._meta.get_field("permissions")
    names = {
        "permission": quote(Permission._meta.db_table),
        "content_type": quote(
            Permission._meta.get_field("content_type").related_model._meta.db_table
        ),
        "content_type_id": quote(Permission._meta.get_field("content_type").column),
        "user_permissions": quote(user_permissions.m2m_db_table()),
        "up_user": quote(user_permissions.m2m_column_name()),
        "up_permission": quote(user_permissions.m2m_reverse_name()),
        "user_groups": quote(user_groups.m2m_db_table()),
        "ug_user": quote(user_groups.m2m_column_name()),
        "ug_group": quote(user_groups.m2m_reverse_name()),
        "group_permissions": quote(group_permissions.m2m_db_table()),
        "gp_group": quote(group_permissions.m2m_column_name()),
        "gp_permission": quote(group_permissions.m2m_reverse_name()),
    }
    # Names from the models' metadata, the user's id as a parameter.
    return """
        SELECT ct.app_label, p.codename
          FROM {permission} p JOIN {content_type} ct ON ct.id = p.{content_type_id}
         WHERE p.id IN (SELECT up.{up_permission} FROM {user_permissions} up
                         WHERE up.{up_user} = %s)
            OR p.id IN (SELECT gp.{gp_permission}
                          FROM {group_permissions} gp
                          JOIN {user_groups} ug ON ug.{ug_group} = gp.{gp_group}
                         WHERE ug.{ug_user} = %s)
    """.format(**names)  # noqa: S608


class ModelBackend(backends.ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if (
            hasattr(user_obj, "_perm_cache")
            or not user_obj.is_active
            or user_obj.is_anonymous
            or user_obj.is_superuser
            or obj is not None
        ):
            return super().get_all_permissions(user_obj, obj)
        user_obj._perm_cache = set(_permissions(user_obj.pk) or ())
        return user_obj._perm_cache


@memo.per_process_minute
def _permissions(user_pk: int) -> frozenset[str] | None:
    alias = router.db_for_read(Permission)
    with connections[alias].cursor() as cursor:
        cursor.execute(_permissions_sql(alias), [user_pk, user_pk])
        return frozenset(f"{app}.{codename}" for app, codename in cursor.fetchall()) or None


# Permissions given or taken, directly or through a group, in this process.
for _through in (
    get_user_model().user_permissions.through,
    get_user_model().groups.through,
    Group.permissions.through,
):
    m2m_changed.connect(memo.forget, sender=_through, dispatch_uid=f"memo-{_through.__name__}")
