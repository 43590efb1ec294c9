"""Turn briefing files into records (``load``, ``roles``) and write the stores."""
