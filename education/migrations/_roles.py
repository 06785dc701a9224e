"""Give the staff roles (auth groups) their permissions from a migration."""

from django.contrib.auth.management import create_permissions


def grant(apps, roles: dict[str, list[str]], *, replace: bool = False) -> None:
    """Each role gets these education permissions: in addition to what it has, or instead of it (`replace`)."""
    # Permissions are normally made after all migrations run; make them now so the groups can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in roles.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(content_type__app_label="education", codename__in=codenames)
        if replace:
            group.permissions.set(permissions)
        else:
            group.permissions.add(*permissions)
