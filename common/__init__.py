"""The few definitions every app shares and none owns: the JSON API's one error shape and
the bounds of every number a client sends to page through a list. The bottom layer of the
import contract (pyproject.toml): it imports no Kyozai app."""
