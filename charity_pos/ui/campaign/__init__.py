"""The campaign screen: the district's relief campaigns handed out at the counter."""

from charity_pos.ui.campaign.view import CampaignScreen

__all__ = ["CampaignScreen"]
