"""What the alerts app plugs into the other apps' registries (called once from `AlertsConfig.ready()`)."""

from incommon_cms.accounts.gdpr import register_personal_data

from .gdpr import erase_alerts, export_alerts


def register():
    register_personal_data("alerts", export=export_alerts, erase=erase_alerts)
