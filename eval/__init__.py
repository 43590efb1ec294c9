"""eval: scripts that measure podium (retrieval quality, abstention, speed)."""
