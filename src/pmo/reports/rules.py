"""Who may ask for which report pack. A portfolio report holds only the projects its requester sees, so anyone
signed in may ask for one; a project report needs the project to be visible (checked in the service)."""

import rules

rules.add_perm("reports.portfolio_pack", rules.is_authenticated)
