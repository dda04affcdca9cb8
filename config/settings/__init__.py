"""Settings split by where Kyozai runs: base (shared), dev, test and production."""
