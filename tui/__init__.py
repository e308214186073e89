"""Everything a person touches: the Textual reader and the command line.
It reaches data only through `store`'s public API."""
