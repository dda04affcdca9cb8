"""What Kyozai does when a service it leans on (Redis, Elasticsearch) stops answering.

A package of its own at the bottom of the import layers, so that config (the Redis cache,
Wagtail's admin search) and search (Kyozai's own search backend) share one circuit breaker
instead of each keeping a copy.
"""
