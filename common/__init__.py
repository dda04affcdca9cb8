"""The few definitions every app shares and none owns: the JSON API's one error shape, the
bounds of every number a client sends to page through a list, and the circuit breaker
every outage-tolerant client uses (the Redis cache, Wagtail's admin search, Kyozai's search
backend). The bottom layer of the import contract (pyproject.toml): it imports no Kyozai
app."""
