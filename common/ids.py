"""The bound of an id a client sends in a query to filter a list by.

Filtering through a foreign key (`?school_class=<30 digits>`) hands the number to the
database as it came — Django bounds an integer primary key's own lookups, not a related
field's — and SQLite answered the overflow with a 500. Ids are BigAutoField
(DEFAULT_AUTO_FIELD), so nothing above the 64-bit bound can be one: the schema refuses it
with the API's 400 naming the parameter.
"""

from typing import Annotated

from pydantic import Field

# The largest BigAutoField: the bound of SQLite's and PostgreSQL's 64-bit integers.
MAX_ID = 2**63 - 1

ObjectId = Annotated[int, Field(ge=1, le=MAX_ID, description=f"An id, 1 to {MAX_ID}.")]
