"""The textbook catalogue: every authorised series' units, as data shipped with Kyozai.

`textbooks.json` is the data (its "about" block says where the titles come from and the
rules they follow); `loader.load_catalogue` writes it into the TextbookSeries and
TextbookUnit snippets. How editors change it and add an edition: README, "Textbook catalogue".
"""

from pathlib import Path

CATALOGUE_FILE = Path(__file__).with_name("textbooks.json")
