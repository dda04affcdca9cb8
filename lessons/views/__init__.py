"""The lesson builder's pages, split by what they work on."""
